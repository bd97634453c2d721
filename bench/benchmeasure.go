package bench

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"diemcau/softep"
)

// benchMeasure reads the MCU and the endpoints at the start and end of the measuring window.
type benchMeasure struct {
	mcu   *benchMCU
	eps   []*softep.Endpoint
	muted *softep.Endpoint
	sips  *sipSites // nil without SIP sites
}

// benchReading is everything read at one edge of the window.
type benchReading struct {
	at                 time.Time
	cpu, cpuSys        time.Duration // the MCU: all, and in the kernel
	loadCPU            time.Duration // this process: the soft endpoints
	mcu                mcuCounters
	expected, received uint64
	sip                sipReading
}

func (m *benchMeasure) read(ctx context.Context) (benchReading, error) {
	r := benchReading{at: time.Now()}
	user, sys, err := m.mcu.cpuTimes()
	if err != nil {
		return r, err
	}
	r.cpu, r.cpuSys = user+sys, sys
	if user, sys, err = procCPUTimes(os.Getpid()); err != nil {
		return r, err
	}
	r.loadCPU = user + sys
	if r.mcu, err = m.mcu.counters(ctx); err != nil {
		return r, err
	}
	for _, e := range m.eps {
		st := e.Received()
		r.expected += st.SlotExpected
		r.received += st.SlotReceived
	}
	r.sip = m.sips.read()
	return r, nil
}

// run measures the window, mutes the talking endpoint that ignores mute orders half way, and
// fills res.
func (m *benchMeasure) run(ctx context.Context, cfg Config, res *Result, progress func(string, ...any)) error {
	profErr := make(chan error, 1)
	if cfg.CPUProfile != "" {
		d := max(cfg.Duration-2*time.Second, time.Second)
		go func() { profErr <- m.mcu.profile(ctx, d, cfg.CPUProfile) }()
	} else {
		profErr <- nil
	}
	if cfg.LoadProfile != "" {
		stop, err := startLoadProfile(cfg.LoadProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	start, err := m.read(ctx)
	if err != nil {
		return err
	}
	progress("measuring for %s", cfg.Duration)
	if !softep.Sleep(ctx, cfg.Duration/2) {
		return ctx.Err()
	}
	audioSSRC, _ := m.muted.SSRCs()
	res.MuteSourceHeard = m.heardSince(audioSSRC, time.Now().Add(-time.Second))
	atAck, err := m.mcu.mute(ctx, m.muted.ID())
	if err != nil {
		return err
	}
	acked := time.Now()
	progress("muted %s", m.muted.ID())
	if !softep.Sleep(ctx, time.Until(start.at.Add(cfg.Duration))) {
		return ctx.Err()
	}
	end, err := m.read(ctx)
	if err != nil {
		return err
	}
	later, err := m.mcu.forwarded(ctx, m.muted.ID())
	if err != nil {
		return err
	}
	rss, err := m.mcu.rssBytes()
	if err != nil {
		return err
	}
	if err := <-profErr; err != nil {
		return fmt.Errorf("bench: profile: %w", err)
	}
	if cfg.CPUProfile != "" {
		if err := m.mcu.fetch(ctx, HeapRoute, cfg.CPUProfile+".heap"); err != nil {
			return fmt.Errorf("bench: heap profile: %w", err)
		}
	}
	m.fill(res, start, end, rss)
	if res.LoadAverage, err = loadAverage(); err != nil {
		return err
	}
	res.AudioAfterMute = later - atAck
	res.MuteToSilenceMs = max(0, float64(m.lastAudio(audioSSRC).Sub(acked))/float64(time.Millisecond))
	return nil
}

// startLoadProfile starts a CPU profile of this process (the load generator) into path; the
// returned function stops it and closes the file.
func startLoadProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("bench: load profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: load profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// fill computes the rates of the window.
func (m *benchMeasure) fill(res *Result, start, end benchReading, rss uint64) {
	secs := end.at.Sub(start.at).Seconds()
	res.Seconds = secs
	pktIn, pktOut := end.mcu.in-start.mcu.in, end.mcu.out-start.mcu.out
	cpu := (end.cpu - start.cpu).Seconds()
	res.PPSIn, res.PPSOut = float64(pktIn)/secs, float64(pktOut)/secs
	res.MCUCPUPct = cpu / secs * 100
	res.LoadCPUPct = (end.loadCPU - start.loadCPU).Seconds() / secs * 100
	if pktOut > 0 {
		res.USPerPacket = cpu * 1e6 / float64(pktOut)
		res.USPerPacketKernel = (end.cpuSys - start.cpuSys).Seconds() * 1e6 / float64(pktOut)
	}
	res.MCURSSMB = float64(rss) / (1 << 20)
	res.RSSPerEndpointMB = res.MCURSSMB / float64(res.Endpoints+res.SIP) // every site, SIP ones included
	if exp := end.expected - start.expected; exp > 0 {
		got := end.received - start.received
		res.LossPct = max(0, float64(int64(exp)-int64(got))*100/float64(exp))
	}
	res.InKbps = end.mcu.inKbps
	res.Connected = end.mcu.connected
	m.sips.fill(res, start.sip, end.sip, cpu, secs)
}

// heardSince reports whether any endpoint received audio of ssrc after t.
func (m *benchMeasure) heardSince(ssrc uint32, t time.Time) bool {
	return m.lastAudio(ssrc).After(t)
}

// lastAudio is the latest arrival of an audio packet of ssrc at any endpoint.
func (m *benchMeasure) lastAudio(ssrc uint32) time.Time {
	var last time.Time
	for _, e := range m.eps {
		if sc, ok := e.Received().BySource[ssrc]; ok && sc.LastAudio.After(last) {
			last = sc.LastAudio
		}
	}
	return last
}
