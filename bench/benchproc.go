package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// userHZ is the unit of utime and stime in /proc/PID/stat (USER_HZ, 100 on Linux).
const userHZ = 100

// benchMCU is the MCU child process of a bench run.
type benchMCU struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	ready  Ready
	errLog string // file holding the child's stderr
	http   *http.Client

	pidOverride int // tests read their own process
}

// startBenchMCU runs `exe bench-mcu --endpoints n --sip sipSites` (under taskset -c cpus when
// cpus is set) and waits for its Ready line.
func startBenchMCU(ctx context.Context, exe string, n, sipSites int, cpus string) (*benchMCU, error) {
	name, args := exe, []string{"bench-mcu", "--endpoints", strconv.Itoa(n)}
	if sipSites > 0 {
		args = append(args, "--sip", strconv.Itoa(sipSites))
	}
	if cpus != "" {
		name, args = "taskset", append([]string{"-c", cpus, exe}, args...)
	}
	errFile, err := os.CreateTemp("", "diemcau-bench-mcu-*.log")
	if err != nil {
		return nil, fmt.Errorf("bench: MCU log file: %w", err)
	}
	defer errFile.Close()
	cmd := exec.Command(name, args...)
	cmd.Stderr = errFile
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("bench: MCU stdin: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("bench: MCU stdout: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: start MCU (%s): %w", name, err)
	}
	b := &benchMCU{cmd: cmd, stdin: stdin, errLog: errFile.Name(), http: &http.Client{Timeout: 60 * time.Second}}
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		s, _ := r.ReadString('\n')
		line <- s
		_, _ = io.Copy(io.Discard, r)
	}()
	select {
	case s := <-line:
		if err := json.Unmarshal([]byte(s), &b.ready); err != nil || b.ready.URL == "" {
			b.stop()
			return nil, fmt.Errorf("bench: MCU did not start (see %s)", b.errLog)
		}
	case <-time.After(60 * time.Second):
		b.stop()
		return nil, fmt.Errorf("bench: MCU not ready after 60 s (see %s)", b.errLog)
	case <-ctx.Done():
		b.stop()
		return nil, fmt.Errorf("bench: start MCU: %w", ctx.Err())
	}
	return b, nil
}

// stop closes the child's stdin, which ends it, and kills it if it lingers.
func (b *benchMCU) stop() {
	_ = b.stdin.Close()
	done := make(chan struct{})
	go func() {
		_ = b.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = b.cmd.Process.Kill()
		<-done
	}
}

// pid is the MCU's process id (taskset execs the MCU in its own process).
func (b *benchMCU) pid() int {
	if b.pidOverride != 0 {
		return b.pidOverride
	}
	return b.cmd.Process.Pid
}

// cpuTimes reads the MCU's user and system CPU time from /proc.
func (b *benchMCU) cpuTimes() (user, sys time.Duration, err error) {
	return procCPUTimes(b.pid())
}

// procCPUTimes reads the user and the system (kernel) CPU time of process pid from /proc.
func procCPUTimes(pid int) (user, sys time.Duration, err error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, fmt.Errorf("bench: read process stat: %w", err)
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	s := string(raw)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, 0, errors.New("bench: malformed /proc stat")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, 0, errors.New("bench: short /proc stat")
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err1 != nil || err2 != nil {
		return 0, 0, errors.New("bench: bad cpu times in /proc stat")
	}
	return time.Duration(utime) * time.Second / userHZ, time.Duration(stime) * time.Second / userHZ, nil
}

// loadAverage reads the machine's 1-minute load average from /proc/loadavg.
func loadAverage() (float64, error) {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, fmt.Errorf("bench: read load average: %w", err)
	}
	f := strings.Fields(string(raw))
	if len(f) == 0 {
		return 0, errors.New("bench: empty /proc/loadavg")
	}
	v, err := strconv.ParseFloat(f[0], 64)
	if err != nil {
		return 0, fmt.Errorf("bench: bad /proc/loadavg: %w", err)
	}
	return v, nil
}

// rssBytes reads the MCU's resident set size from /proc.
func (b *benchMCU) rssBytes() (uint64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", b.pid()))
	if err != nil {
		return 0, fmt.Errorf("bench: read MCU status: %w", err)
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest)
			if len(f) >= 1 {
				kb, err := strconv.ParseUint(f[0], 10, 64)
				if err == nil {
					return kb * 1024, nil
				}
			}
		}
	}
	return 0, errors.New("bench: no VmRSS in /proc status")
}

// benchStatus is what the bench reads of GET /api/v1/status.
type benchStatus struct {
	Conferences []struct {
		BridgePoints []struct {
			ID          string  `json:"id"`
			Connected   bool    `json:"connected"`
			PacketsIn   uint64  `json:"packets_in"`
			PacketsOut  uint64  `json:"packets_out"`
			BitrateKbps float64 `json:"bitrate_kbps"`
		} `json:"bridge_points"`
	} `json:"conferences"`
}

// mcuCounters are the MCU-wide packet counters at one instant.
type mcuCounters struct {
	in, out   uint64
	inKbps    float64 // mean inbound bitrate per connected bridge point
	connected int
}

// counters sums the status of every bridge point.
func (b *benchMCU) counters(ctx context.Context) (mcuCounters, error) {
	var st benchStatus
	if err := b.call(ctx, http.MethodGet, "/api/v1/status", &st); err != nil {
		return mcuCounters{}, err
	}
	var c mcuCounters
	var kbps float64
	for _, conf := range st.Conferences {
		for _, bp := range conf.BridgePoints {
			c.in += bp.PacketsIn
			c.out += bp.PacketsOut
			if bp.Connected {
				c.connected++
				kbps += bp.BitrateKbps
			}
		}
	}
	if c.connected > 0 {
		c.inKbps = kbps / float64(c.connected)
	}
	return c, nil
}

// mute hard-mutes id and returns its forwarded-audio count at the acknowledgement.
func (b *benchMCU) mute(ctx context.Context, id string) (uint64, error) {
	var r MuteReply
	err := b.call(ctx, http.MethodPost, MuteRoute+id, &r)
	return r.ForwardedAudio, err
}

// forwarded returns id's forwarded-audio count now.
func (b *benchMCU) forwarded(ctx context.Context, id string) (uint64, error) {
	var r MuteReply
	err := b.call(ctx, http.MethodGet, ForwardedRoute+id, &r)
	return r.ForwardedAudio, err
}

// profile writes a CPU profile of the MCU over d to path.
func (b *benchMCU) profile(ctx context.Context, d time.Duration, path string) error {
	return b.fetch(ctx, fmt.Sprintf("%s?seconds=%d", ProfileRoute, int(d.Seconds())), path)
}

// fetch saves the body of an authorised GET to path.
func (b *benchMCU) fetch(ctx context.Context, route, path string) error {
	req, err := b.request(ctx, http.MethodGet, route)
	if err != nil {
		return err
	}
	resp, err := b.http.Do(req)
	if err != nil {
		return fmt.Errorf("bench: GET %s: %w", route, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench: GET %s: %s", route, resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: profile file: %w", err)
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return fmt.Errorf("bench: write profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("bench: write profile: %w", err)
	}
	return nil
}

func (b *benchMCU) request(ctx context.Context, method, path string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, method, b.ready.URL+path, nil)
	if err != nil {
		return nil, fmt.Errorf("bench: %s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+b.ready.Token)
	return req, nil
}

// call makes one authorised request to the MCU child and decodes its JSON reply into v.
func (b *benchMCU) call(ctx context.Context, method, path string, v any) error {
	req, err := b.request(ctx, method, path)
	if err != nil {
		return err
	}
	resp, err := b.http.Do(req)
	if err != nil {
		return fmt.Errorf("bench: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("bench: %s %s: %s: %s", method, path, resp.Status, strings.TrimSpace(string(body)))
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("bench: %s %s: decode: %w", method, path, err)
	}
	return nil
}
