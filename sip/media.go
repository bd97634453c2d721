package sip

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/srtp/v3"
)

// media is one call's RTP (and RTCP) socket toward the terminal, with SRTP when negotiated.
type media struct {
	rtp, rtcp *net.UDPConn // rtcp is nil when RTCP is multiplexed on rtp (RFC 5761)

	mu         sync.Mutex
	remote     *net.UDPAddr // where RTP goes: the SDP's address, then where the terminal's RTP comes from
	remoteRTCP *net.UDPAddr
	latched    bool
	signalIP   net.IP // the signalling source: RTP from it (or the SDP address) may move the remote

	srtpOut, srtpIn   *srtp.Context // nil without SRTP
	srtcpOut, srtcpIn *srtp.Context

	ssrc      uint32
	seq       uint16
	wmu       sync.Mutex // one writer at a time on out and enc
	out       []byte
	enc       []byte
	heard     atomic.Int64 // unix nanos of the last RTP or RTCP from the terminal
	sentPkts  atomic.Uint32
	sentBytes atomic.Uint32
}

// openMedia binds the call's media socket(s) on ip: an even RTP port and, without rtcp-mux,
// RTCP on the next one (RFC 3550 11).
func openMedia(ip net.IP, mux bool) (*media, error) {
	for range 50 {
		c, err := net.ListenUDP("udp", &net.UDPAddr{IP: ip})
		if err != nil {
			return nil, fmt.Errorf("media socket on %s: %w", ip, err)
		}
		if mux {
			return &media{rtp: c}, nil
		}
		port := c.LocalAddr().(*net.UDPAddr).Port
		if port%2 == 0 {
			if r, err := net.ListenUDP("udp", &net.UDPAddr{IP: ip, Port: port + 1}); err == nil {
				return &media{rtp: c, rtcp: r}, nil
			}
		}
		c.Close()
	}
	return nil, fmt.Errorf("media socket on %s: no free pair of ports for RTP and RTCP", ip)
}

// local is the RTP address the answer gives.
func (m *media) local() *net.UDPAddr { return m.rtp.LocalAddr().(*net.UDPAddr) }

// start sets where media goes and the SRTP keys: in is the terminal's, out the server's.
func (m *media) start(remote *net.UDPAddr, mux bool, signalIP net.IP, in, out *sdesKey) error {
	m.remote, m.signalIP = remote, signalIP
	m.remoteRTCP = remote
	if !mux {
		m.remoteRTCP = &net.UDPAddr{IP: remote.IP, Port: remote.Port + 1, Zone: remote.Zone}
	}
	m.ssrc = rand.Uint32()
	m.seq = uint16(rand.Uint32())
	m.out = make([]byte, 1500)
	m.enc = make([]byte, 0, 1600)
	m.heard.Store(time.Now().UnixNano())
	if in == nil || out == nil {
		return nil
	}
	var err error
	if m.srtpIn, err = srtp.CreateContext(in.key, in.salt, in.profile); err != nil {
		return fmt.Errorf("SRTP context of the terminal's key: %w", err)
	}
	if m.srtcpIn, err = srtp.CreateContext(in.key, in.salt, in.profile); err != nil {
		return fmt.Errorf("SRTCP context of the terminal's key: %w", err)
	}
	if m.srtpOut, err = srtp.CreateContext(out.key, out.salt, out.profile); err != nil {
		return fmt.Errorf("SRTP context of the server's key: %w", err)
	}
	if m.srtcpOut, err = srtp.CreateContext(out.key, out.salt, out.profile); err != nil {
		return fmt.Errorf("SRTCP context of the server's key: %w", err)
	}
	return nil
}

// close ends the sockets; the readers return.
func (m *media) close() {
	m.rtp.Close()
	if m.rtcp != nil {
		m.rtcp.Close()
	}
}

// send writes one RTP packet of the server's stream (SSRC, sequence numbering are the media's).
// Only the sending goroutine calls it.
func (m *media) send(pt uint8, ts uint32, marker bool, payload []byte) error {
	h := rtp.Header{Version: 2, PayloadType: pt, SequenceNumber: m.seq, Timestamp: ts, SSRC: m.ssrc, Marker: marker}
	m.seq++
	return m.sendHeader(&h, payload)
}

// sendHeader writes one RTP packet as given (a slot's packet, already numbered for it).
func (m *media) sendHeader(h *rtp.Header, payload []byte) error {
	m.wmu.Lock()
	defer m.wmu.Unlock()
	n, err := h.MarshalTo(m.out)
	if err != nil {
		return fmt.Errorf("RTP header: %w", err)
	}
	if n+len(payload) > len(m.out) {
		return fmt.Errorf("RTP packet of %d bytes", n+len(payload))
	}
	pkt := append(m.out[:n], payload...)
	if m.srtpOut != nil {
		if pkt, err = m.srtpOut.EncryptRTP(m.enc[:0], pkt, h); err != nil {
			return fmt.Errorf("SRTP: %w", err)
		}
	}
	m.mu.Lock()
	to := m.remote
	m.mu.Unlock()
	if _, err := m.rtp.WriteToUDP(pkt, to); err != nil {
		return fmt.Errorf("RTP to %s: %w", to, err)
	}
	m.sentPkts.Add(1)
	m.sentBytes.Add(uint32(len(payload)))
	return nil
}

// sendRTCP writes compound RTCP to the terminal.
func (m *media) sendRTCP(pkts ...rtcp.Packet) error {
	raw, err := rtcp.Marshal(pkts)
	if err != nil {
		return fmt.Errorf("RTCP: %w", err)
	}
	if m.srtcpOut != nil {
		if raw, err = m.srtcpOut.EncryptRTCP(nil, raw, nil); err != nil {
			return fmt.Errorf("SRTCP: %w", err)
		}
	}
	conn := m.rtp
	if m.rtcp != nil {
		conn = m.rtcp
	}
	m.mu.Lock()
	to := m.remoteRTCP
	m.mu.Unlock()
	_, err = conn.WriteToUDP(raw, to)
	return err
}

// serve reads conn until it closes: datagrams from elsewhere than the terminal are dropped,
// RTCP goes to onRTCP as it came, RTP to onRTP decrypted. raw is valid only during the call.
func (m *media) serve(conn *net.UDPConn, rtcpPort bool, onRTCP, onRTP func(raw []byte)) {
	buf := make([]byte, 1500)
	for {
		n, from, err := conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		if m.accept(from, rtcpPort) != nil {
			continue
		}
		raw := buf[:n]
		if rtcpPort || isRTCP(raw) {
			onRTCP(raw)
			continue
		}
		if m.srtpIn != nil {
			var hdr rtp.Header
			if raw, err = m.srtpIn.DecryptRTP(nil, raw, &hdr); err != nil {
				continue
			}
		}
		onRTP(raw)
	}
}

// rtcpPackets decrypts (with SRTP) and parses one compound RTCP datagram of the terminal.
func (m *media) rtcpPackets(raw []byte) ([]rtcp.Packet, error) {
	if m.srtcpIn != nil {
		var err error
		if raw, err = m.srtcpIn.DecryptRTCP(nil, raw, nil); err != nil {
			return nil, fmt.Errorf("SRTCP: %w", err)
		}
	}
	return rtcp.Unmarshal(raw)
}

// isRTCP tells RTCP from RTP on a multiplexed port (RFC 5761 4: packet types 192–223).
func isRTCP(b []byte) bool { return len(b) >= 2 && b[1] >= 192 && b[1] <= 223 }

// errForeign is a datagram that is not the terminal's media.
var errForeign = errors.New("datagram from another address")

// accept checks where a datagram came from: the terminal's remote address, or (to follow a NAT
// or a terminal that sends from another port) the SDP's or signalling's IP, which then becomes
// the remote. Anything else is dropped.
func (m *media) accept(from *net.UDPAddr, isRTCPPort bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	ref := m.remote
	if isRTCPPort {
		ref = m.remoteRTCP
	}
	if from.IP.Equal(ref.IP) && from.Port == ref.Port {
		return nil
	}
	if !from.IP.Equal(m.remote.IP) && !from.IP.Equal(m.signalIP) {
		return errForeign
	}
	if isRTCPPort {
		m.remoteRTCP = from
	} else {
		m.remote = from
		if m.rtcp == nil {
			m.remoteRTCP = from
		}
	}
	m.latched = true
	return nil
}

// dBov is the RFC 6464 level of a frame: 0 (loudest) to 127 (silence), in -dBov.
func dBov(pcm []int16) uint8 {
	if len(pcm) == 0 {
		return 127
	}
	var sum float64
	for _, v := range pcm {
		x := float64(v) / 32768
		sum += x * x
	}
	rms := math.Sqrt(sum / float64(len(pcm)))
	if rms <= 0 {
		return 127
	}
	db := -20 * math.Log10(rms)
	return uint8(min(max(db, 0), 127))
}
