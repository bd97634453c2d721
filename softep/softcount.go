package softep

import (
	"encoding/binary"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/pion/transport/v5"
	"golang.org/x/net/ipv4"
)

// countBatch is how many datagrams a count-only socket takes per recvmmsg, and queues at most
// for one sendmmsg.
const countBatch = 16

// countingConn is a media socket of a count-only endpoint (Config.CountOnly): RTP
// from the MCU is counted from its clear header (sequence number, payload type, CSRC) and
// dropped before Pion sees it, so the endpoint spends no goroutine hand-off, decryption or
// interceptor on it; STUN, DTLS (with the control channel) and RTCP go on to Pion unchanged.
// Datagrams are read up to countBatch at a time with recvmmsg; while the camera holds the socket
// (hold, release) the datagrams written are queued and leave together in one sendmmsg.
type countingConn struct {
	transport.UDPConn
	udp   *net.UDPConn
	batch *ipv4.PacketConn
	e     *Endpoint

	// Used by the one reader (the ICE candidate's receive loop); mu only guards against misuse.
	mu   sync.Mutex
	msgs [countBatch]ipv4.Message
	bufs [countBatch][1500]byte
	n    int
	pos  int
	seqs []ssrcSequence

	wmu   sync.Mutex
	held  int
	wn    int
	wmsgs [countBatch]ipv4.Message
	wbufs [countBatch][1500]byte
	waddr [countBatch]net.UDPAddr
	wips  [countBatch][16]byte
}

// ssrcSequence follows the sequence numbers of one incoming SSRC (one slot of the MCU).
type ssrcSequence struct {
	ssrc uint32
	seq  slotSequence
}

// newCountingConn wraps c; without a plain UDP socket underneath it reads one datagram at a time.
func newCountingConn(c transport.UDPConn, e *Endpoint) *countingConn {
	cc := &countingConn{UDPConn: c, e: e}
	if udp, ok := c.(*net.UDPConn); ok {
		cc.udp, cc.batch = udp, ipv4.NewPacketConn(udp)
	}
	for i := range cc.msgs {
		cc.msgs[i].Buffers = [][]byte{cc.bufs[i][:]}
		cc.wmsgs[i].Buffers = [][]byte{nil}
		cc.wmsgs[i].Addr = &cc.waddr[i]
	}
	e.sockMu.Lock()
	e.socks = append(e.socks, cc)
	e.sockMu.Unlock()
	return cc
}

// Close forgets the socket and closes it; what is queued is dropped.
func (c *countingConn) Close() error {
	c.e.sockMu.Lock()
	for i, s := range c.e.socks {
		if s == c {
			c.e.socks = append(c.e.socks[:i], c.e.socks[i+1:]...)
			break
		}
	}
	c.e.sockMu.Unlock()
	return c.UDPConn.Close()
}

// ReadFromAddrPort returns the next datagram that is not RTP, counting the RTP ones it skips.
func (c *countingConn) ReadFromAddrPort(p []byte) (int, netip.AddrPort, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for {
		raw, from, err := c.next()
		if err != nil {
			return 0, netip.AddrPort{}, err
		}
		if isRTP(raw) {
			c.count(raw)
			continue
		}
		return copy(p, raw), from, nil
	}
}

// next returns the next datagram, reading a new batch when the last one is used up.
func (c *countingConn) next() ([]byte, netip.AddrPort, error) {
	if c.batch == nil {
		n, from, err := c.readOne()
		return c.bufs[0][:n], from, err
	}
	for c.pos == c.n {
		n, err := c.batch.ReadBatch(c.msgs[:], 0)
		if err != nil {
			return nil, netip.AddrPort{}, err
		}
		c.n, c.pos = n, 0
	}
	m := &c.msgs[c.pos]
	raw := c.bufs[c.pos][:m.N]
	c.pos++
	var from netip.AddrPort
	if a, ok := m.Addr.(*net.UDPAddr); ok {
		from = a.AddrPort()
	}
	return raw, from, nil
}

func (c *countingConn) readOne() (int, netip.AddrPort, error) {
	n, addr, err := c.UDPConn.ReadFrom(c.bufs[0][:])
	if err != nil {
		return 0, netip.AddrPort{}, err
	}
	var from netip.AddrPort
	if a, ok := addr.(*net.UDPAddr); ok {
		from = a.AddrPort()
	}
	return n, from, nil
}

// ReadFrom returns the next datagram that is not RTP (see ReadFromAddrPort).
func (c *countingConn) ReadFrom(p []byte) (int, net.Addr, error) {
	n, from, err := c.ReadFromAddrPort(p)
	if err != nil {
		return 0, nil, err
	}
	return n, net.UDPAddrFromAddrPort(from), nil
}

// WriteToAddrPort sends one datagram to addr, or queues it while the socket is held.
func (c *countingConn) WriteToAddrPort(p []byte, addr netip.AddrPort) (int, error) {
	if c.batch == nil {
		return c.UDPConn.WriteTo(p, net.UDPAddrFromAddrPort(addr))
	}
	c.wmu.Lock()
	if c.held == 0 || len(p) > len(c.wbufs[0]) {
		c.wmu.Unlock()
		return c.udp.WriteToUDPAddrPort(p, addr)
	}
	if c.wn == countBatch {
		c.flushLocked()
	}
	i := c.wn
	c.wmsgs[i].Buffers[0] = c.wbufs[i][:copy(c.wbufs[i][:], p)]
	c.wips[i] = addr.Addr().As16() // an IPv4 address as ::ffff:a.b.c.d, which sendmmsg takes for IPv4
	c.waddr[i] = net.UDPAddr{IP: c.wips[i][:], Port: int(addr.Port())}
	c.wn++
	c.wmu.Unlock()
	return len(p), nil
}

// WriteTo sends one datagram to addr (see WriteToAddrPort).
func (c *countingConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	if a, ok := addr.(*net.UDPAddr); ok {
		return c.WriteToAddrPort(p, a.AddrPort())
	}
	return c.UDPConn.WriteTo(p, addr)
}

// hold queues the datagrams written until the matching release.
func (c *countingConn) hold() {
	c.wmu.Lock()
	c.held++
	c.wmu.Unlock()
}

// release ends a hold; the last one sends what is queued.
func (c *countingConn) release() {
	c.wmu.Lock()
	c.held--
	if c.held == 0 && c.wn > 0 {
		c.flushLocked()
	}
	c.wmu.Unlock()
}

// flushLocked sends the queued datagrams (wmu held); UDP may lose them, errors drop the rest.
func (c *countingConn) flushLocked() {
	for sent := 0; sent < c.wn; {
		k, err := c.batch.WriteBatch(c.wmsgs[sent:c.wn], 0)
		if err != nil || k == 0 {
			break
		}
		sent += k
	}
	c.wn = 0
}

// holdSockets holds every count-only socket of the endpoint (see countingConn.hold) and returns
// the function that releases them.
func (e *Endpoint) holdSockets() func() {
	e.sockMu.Lock()
	socks := append([]*countingConn(nil), e.socks...)
	e.sockMu.Unlock()
	for _, s := range socks {
		s.hold()
	}
	return func() {
		for _, s := range socks {
			s.release()
		}
	}
}

// count records one RTP packet from its header: the slot's sequence number, audio or video by
// payload type, and the original source's SSRC from CSRC[0].
func (c *countingConn) count(raw []byte) {
	ssrc := binary.BigEndian.Uint32(raw[8:12])
	var seq *slotSequence
	for i := range c.seqs {
		if c.seqs[i].ssrc == ssrc {
			seq = &c.seqs[i].seq
			break
		}
	}
	if seq == nil {
		c.seqs = append(c.seqs, ssrcSequence{ssrc: ssrc})
		seq = &c.seqs[len(c.seqs)-1].seq
	}
	c.e.countRTP(raw, raw[1]&0x7f == opusPayloadType, seq)
}

// isRTP tells RTP from the other datagrams of the port (RFC 7983: STUN 0–3, DTLS 20–63, RTP and
// RTCP 128–191; RFC 5761: RTCP packet types 192–223).
func isRTP(b []byte) bool {
	return len(b) >= 12 && b[0] >= 128 && b[0] <= 191 && (b[1] < 192 || b[1] > 223)
}

// countRTP records one received RTP packet of a slot whose sequence numbers seq follows.
func (e *Endpoint) countRTP(raw []byte, audio bool, seq *slotSequence) {
	e.recv.first.CompareAndSwap(0, time.Now().UnixNano())
	e.recv.expected.Add(seq.observe(binary.BigEndian.Uint16(raw[2:4])))
	e.recv.received.Add(1)
	csrc, ok := firstCSRC(raw)
	e.recv.count(audio, csrc, ok)
}
