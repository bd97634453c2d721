package sip

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
)

// PortRange is the UDP ports calls take their media from, Min to Max inclusive (a firewall opens
// just these); the zero value means ephemeral ports.
type PortRange struct{ Min, Max int }

// MinRTPPorts is the fewest ports a range may hold: one call with video takes two RTP/RTCP pairs.
const MinRTPPorts = 4

// ErrPortRange is a --sip-rtp-ports value that is not MIN-MAX with 1024 ≤ MIN < MAX ≤ 65535
// holding at least MinRTPPorts ports.
var ErrPortRange = errors.New("not a media port range MIN-MAX")

// ParsePortRange reads "MIN-MAX".
func ParsePortRange(s string) (PortRange, error) {
	lo, hi, ok := strings.Cut(strings.TrimSpace(s), "-")
	a, errA := strconv.Atoi(strings.TrimSpace(lo))
	b, errB := strconv.Atoi(strings.TrimSpace(hi))
	if !ok || errA != nil || errB != nil || a < 1024 || b > 65535 || a >= b || b-a+1 < MinRTPPorts {
		return PortRange{}, fmt.Errorf("%q: %w", s, ErrPortRange)
	}
	return PortRange{Min: a, Max: b}, nil
}

// String is the range as MIN-MAX ("" for ephemeral ports).
func (r PortRange) String() string {
	if r.Min == 0 {
		return ""
	}
	return fmt.Sprintf("%d-%d", r.Min, r.Max)
}

// errNoPorts means every RTP/RTCP pair of the range is taken.
var errNoPorts = errors.New("no free RTP/RTCP port pair in the media port range")

// portPool hands out the range's pairs (an even RTP port and the next for RTCP, RFC 3550 11),
// in turn, so a pair just given back is taken last.
type portPool struct {
	r PortRange

	mu        sync.Mutex
	next      int  // index of the pair to try first
	exhausted bool // the last call found no pair (logged once until one frees)
}

func newPortPool(r PortRange) *portPool { return &portPool{r: r} }

// open binds a call's media on ip: from the range, or ephemeral ports without one.
func (p *portPool) open(ip net.IP, mux bool) (*media, error) {
	if p.r.Min == 0 {
		return openMedia(ip, mux)
	}
	base := p.r.Min + p.r.Min%2
	pairs := (p.r.Max - base + 1) / 2
	p.mu.Lock()
	start := p.next
	p.mu.Unlock()
	for i := range pairs {
		k := (start + i) % pairs
		m, err := bindPair(ip, base+2*k, mux)
		if err != nil {
			continue
		}
		p.mu.Lock()
		p.next, p.exhausted = (k+1)%pairs, false
		p.mu.Unlock()
		return m, nil
	}
	return nil, errNoPorts
}

// refused reports whether err is the range's exhaustion met for the first time since a pair was
// last found: the one refusal worth logging.
func (p *portPool) refused(err error) bool {
	if !errors.Is(err, errNoPorts) {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	first := !p.exhausted
	p.exhausted = true
	return first
}

// bindPair binds RTP on port and, without rtcp-mux, RTCP on port+1 (which must be free in
// either case, so a pair is never split between two calls).
func bindPair(ip net.IP, port int, mux bool) (*media, error) {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: ip, Port: port})
	if err != nil {
		return nil, err
	}
	r, err := net.ListenUDP("udp", &net.UDPAddr{IP: ip, Port: port + 1})
	if err != nil {
		c.Close()
		return nil, err
	}
	if mux {
		r.Close()
		return &media{rtp: c}, nil
	}
	return &media{rtp: c, rtcp: r}, nil
}
