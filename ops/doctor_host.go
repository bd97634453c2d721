package ops

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// recordingBytesPerHour is what an hour of recording takes on disk, roughly (speaker video
// at about 2 Mbit/s and the audio slots), for the free-space estimate.
const recordingBytesPerHour = 1 << 30

// checkTLS checks the certificate's validity period and that it names the server.
func (d *doctor) checkTLS() {
	cf := d.cfg
	if cf.TLSCert == "" {
		d.add(LevelWarn, d.fixText("tlsNoneFix"), "tlsNone")
		return
	}
	pair, err := tls.LoadX509KeyPair(cf.TLSCert, cf.TLSKey)
	if err != nil {
		d.add(LevelFail, d.fixText("tlsBadFix"), "tlsBad", cf.TLSCert, cf.TLSKey, err)
		return
	}
	leaf, err := x509.ParseCertificate(pair.Certificate[0])
	if err != nil {
		d.add(LevelFail, d.fixText("tlsBadFix"), "tlsBad", cf.TLSCert, cf.TLSKey, err)
		return
	}
	day := func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }
	switch left := leaf.NotAfter.Sub(d.cfg.Now); {
	case left <= 0:
		d.add(LevelFail, d.fixText("tlsRenewFix"), "tlsExpired", cf.TLSCert, day(leaf.NotAfter))
		return
	case d.cfg.Now.Before(leaf.NotBefore):
		d.add(LevelFail, d.fixText("tlsRenewFix"), "tlsNotYet", cf.TLSCert, day(leaf.NotBefore))
		return
	case left < 30*24*time.Hour:
		d.add(LevelWarn, d.fixText("tlsRenewFix"), "tlsSoon", cf.TLSCert, int(left.Hours()/24), day(leaf.NotAfter))
	}
	name := d.serverName()
	if err := leaf.VerifyHostname(name); err != nil {
		names := append(append([]string{}, leaf.DNSNames...), ipStrings(leaf.IPAddresses)...)
		d.add(LevelFail, d.fixText("tlsNameFix"), "tlsName", cf.TLSCert, name, strings.Join(names, ", "))
		return
	}
	d.add(LevelOK, "", "tlsOK", cf.TLSCert, name, day(leaf.NotAfter))
}

// serverName is --server-name, else the host of --http when it is a name or a specific address, else
// this machine's host name.
func (d *doctor) serverName() string {
	if d.cfg.ServerName != "" {
		return d.cfg.ServerName
	}
	if host, _, err := net.SplitHostPort(d.cfg.HTTP); err == nil && host != "" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			return host
		}
	}
	h, _ := os.Hostname()
	return h
}

// ipStrings writes addresses as text.
func ipStrings(ips []net.IP) []string {
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip.String()
	}
	return out
}

// checkPorts opens the HTTP and SSH addresses and the UDP media port the way serve does, and
// sends the UDP port a datagram over loopback.
func (d *doctor) checkPorts() {
	for _, p := range []struct{ flag, addr string }{{"--http", d.cfg.HTTP}, {"--ssh", d.cfg.SSH}} {
		ln, err := net.Listen("tcp", p.addr)
		if err != nil {
			d.portError("TCP", p.flag, p.addr, err)
			continue
		}
		ln.Close()
		d.add(LevelOK, "", "portOK", "TCP", p.addr, p.flag)
	}
	if d.cfg.UDPPort == 0 {
		d.add(LevelWarn, d.fixText("udpZeroFix"), "udpZero")
		return
	}
	addr := ":" + strconv.Itoa(d.cfg.UDPPort)
	conn, err := net.ListenPacket("udp", addr)
	if err != nil {
		d.portError("UDP", "--udp-port", addr, err)
		return
	}
	defer conn.Close()
	if err := udpEcho(conn, d.cfg.UDPPort); err != nil {
		d.add(LevelFail, d.fixText("udpNoEchoFix"), "udpNoEcho", d.cfg.UDPPort, err)
		return
	}
	d.add(LevelOK, "", "udpOK", d.cfg.UDPPort)
}

// portError reports a port that would not open: busy (perhaps the service) or not this machine's.
func (d *doctor) portError(proto, flagName, addr string, err error) {
	if errors.Is(err, syscall.EADDRINUSE) {
		d.add(LevelWarn, d.fixText("portBusyFix", flagName), "portBusy", proto, addr, flagName)
		return
	}
	d.add(LevelFail, d.fixText("portBadFix", flagName), "portBad", proto, addr, flagName, err)
}

// udpEcho sends one datagram to port on loopback and waits for conn to receive it.
func udpEcho(conn net.PacketConn, port int) error {
	out, err := net.Dial("udp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return err
	}
	defer out.Close()
	probe := []byte("diemcau doctor " + strconv.FormatInt(time.Now().UnixNano(), 36))
	if _, err := out.Write(probe); err != nil {
		return err
	}
	if err := conn.SetReadDeadline(time.Now().Add(3 * time.Second)); err != nil {
		return err
	}
	buf := make([]byte, 256)
	for {
		n, _, err := conn.ReadFrom(buf)
		if err != nil {
			return err
		}
		if string(buf[:n]) == string(probe) {
			return nil
		}
	}
}

// checkFirewall reads the nftables (or ufw) rules when it can: a default-drop input with no
// rule naming the media, HTTP or SSH port is reported.
func (d *doctor) checkFirewall() {
	_, httpPort, _ := net.SplitHostPort(d.cfg.HTTP)
	_, sshPort, _ := net.SplitHostPort(d.cfg.SSH)
	tool, rules, err := firewallRules()
	if err != nil {
		d.add(LevelWarn, d.fixText("fwUnknownFix", d.cfg.UDPPort, httpPort, sshPort), "fwUnknown", err)
		return
	}
	if !dropsByDefault(tool, rules) {
		d.add(LevelOK, "", "fwNone", tool)
		return
	}
	var missing []string
	for _, p := range []struct{ proto, port string }{{"udp", strconv.Itoa(d.cfg.UDPPort)}, {"tcp", httpPort}, {"tcp", sshPort}} {
		if !regexp.MustCompile(`\b` + p.port + `\b`).MatchString(rules) {
			missing = append(missing, p.port+"/"+p.proto)
		}
	}
	if len(missing) > 0 {
		d.add(LevelWarn, d.fixText("fwClosedFix", missing[0]), "fwClosed", tool, strings.Join(missing, ", "))
		return
	}
	d.add(LevelOK, "", "fwOK", tool, d.cfg.UDPPort, httpPort, sshPort)
}

// firewallRules returns the ruleset of ufw when active, else of nftables.
func firewallRules() (tool, rules string, err error) {
	if out, err := exec.Command("ufw", "status").Output(); err == nil && strings.Contains(string(out), "Status: active") {
		return "ufw", string(out), nil
	}
	out, err := exec.Command("nft", "list", "ruleset").Output()
	if err != nil {
		return "", "", fmt.Errorf("ufw, nft: %w", err)
	}
	return "nftables", string(out), nil
}

// dropsByDefault reports whether the rules drop incoming traffic unless allowed.
func dropsByDefault(tool, rules string) bool {
	if tool == "ufw" {
		return true // ufw active: deny incoming unless a rule allows
	}
	return regexp.MustCompile(`hook input[^;]*;\s*policy drop`).MatchString(rules)
}

// checkDisk reports the free space of the database's folder (recordings and backups go there).
func (d *doctor) checkDisk() {
	dir := filepath.Dir(d.cfg.DB)
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		d.add(LevelFail, "", "diskBad", dir, err)
		return
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	hours := free / recordingBytesPerHour
	switch {
	case free < int64(d.cfg.MinFreeGB)<<30:
		d.add(LevelFail, d.fixText("diskLowFix"), "diskLow", SizeOf(free), dir, d.cfg.MinFreeGB)
	case free < 20<<30:
		d.add(LevelWarn, d.fixText("diskWarnFix"), "diskWarn", SizeOf(free), dir, hours)
	default:
		d.add(LevelOK, "", "diskOK", SizeOf(free), dir, hours)
	}
}

// checkClock asks the kernel whether the clock is synchronized (adjtimex, read-only).
func (d *doctor) checkClock() {
	var tx unix.Timex
	state, err := unix.Adjtimex(&tx)
	switch {
	case err != nil:
		d.add(LevelWarn, d.fixText("clockFix"), "clockUnknown", err)
	case state == unix.TIME_ERROR || tx.Status&unix.STA_UNSYNC != 0:
		d.add(LevelWarn, d.fixText("clockFix"), "clockUnsync")
	default:
		d.add(LevelOK, "", "clockOK", time.Duration(tx.Esterror)*time.Microsecond)
	}
}

// SizeOf writes a byte count for people: 1.4 MB.
func SizeOf(b int64) string {
	switch {
	case b >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(b)/(1<<30))
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d B", b)
}
