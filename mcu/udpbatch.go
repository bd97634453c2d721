package mcu

import (
	"io"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/transport/v5"
	"github.com/pion/transport/v5/stdnet"
	"golang.org/x/net/ipv4"
	"golang.org/x/net/ipv6"
)

// Batched writes on the shared UDP port: one sendmmsg (with UDP segmentation offload where the
// kernel has it, udpgso.go) for up to batchCap packets. The forwarder sends the batch itself
// after each audio fan-out and after the last packet of each camera frame, so that each
// receiver's packets of a frame leave together; what Pion writes on its own (RTCP, DTLS, SCTP)
// outside a fan-out leaves batchDelay after it was queued, or with the next fan-out. Reads take
// up to batchRead datagrams per recvmmsg.
const (
	batchCap   = 1024
	batchRead  = 64
	batchDelay = 500 * time.Microsecond
	batchMTU   = 1500
	// socketBuffer is the kernel buffer asked for the shared socket, each way.
	socketBuffer = 4 << 20
)

// batchNet is the network the ICE UDP mux listens through: standard sockets whose writes are
// batched.
type batchNet struct {
	*stdnet.Net
	set *batchSet
}

// ListenUDP opens a UDP socket with batched writes.
func (n batchNet) ListenUDP(network string, laddr *net.UDPAddr) (transport.UDPConn, error) {
	c, err := net.ListenUDP(network, laddr)
	if err != nil {
		return nil, err
	}
	b := newBatchConn(c, n.set)
	n.set.add(b)
	return b, nil
}

// batchSet is every batched socket of the MCU. A camera's source flushes them after fanning
// out the last packet of a frame, so the frame leaves at once, each receiver's packets of it
// together.
type batchSet struct {
	log   *slog.Logger
	held  atomic.Int32 // fan-outs in progress: each ends with a flush or leaves its packets for the next
	mu    sync.Mutex
	conns []*batchConn
}

// hold marks a fan-out in progress: what is queued meanwhile waits for a flush instead of
// waking the flusher. nil-safe.
func (s *batchSet) hold() {
	if s != nil {
		s.held.Add(1)
	}
}

// release ends a fan-out and, with flush, sends every socket's batch. A camera's packets before
// the last of a frame stay queued; the frame's last packet, or the next fan-out, sends them.
// When the last fan-out in progress ends without a flush, a socket with packets queued wakes
// its flusher: a write made during the fan-out (Pion's DTLS, SCTP or RTCP) did not.
func (s *batchSet) release(flush bool) {
	if s == nil {
		return
	}
	if s.held.Add(-1) == 0 && !flush {
		s.mu.Lock()
		conns := s.conns
		s.mu.Unlock()
		for _, b := range conns {
			b.mu.Lock()
			queued := b.n > 0
			b.mu.Unlock()
			if queued {
				b.wake()
			}
		}
	}
	if flush {
		s.flush()
	}
}

func (s *batchSet) add(b *batchConn) {
	s.mu.Lock()
	s.conns = append(s.conns, b)
	s.mu.Unlock()
}

// flush sends what every socket has queued; nil-safe (no shared port, nothing to do).
func (s *batchSet) flush() {
	if s == nil {
		return
	}
	s.mu.Lock()
	conns := s.conns
	s.mu.Unlock()
	for _, b := range conns {
		b.mu.Lock()
		if b.n > 0 {
			b.flushLocked()
		}
		b.mu.Unlock()
	}
}

// batchIO is ipv4.PacketConn or ipv6.PacketConn: sendmmsg and recvmmsg.
type batchIO interface {
	WriteBatch(ms []ipv4.Message, flags int) (int, error)
	ReadBatch(ms []ipv4.Message, flags int) (int, error)
}

// batchConn is a UDP socket whose writes are queued in preallocated buffers and sent by
// sendmmsg, and whose reads take up to batchRead datagrams per recvmmsg.
type batchConn struct {
	*net.UDPConn
	w   batchIO
	set *batchSet

	// Reads: one recvmmsg fills rmsgs, ReadFromAddrPort hands them out one by one. The ICE
	// mux has a single reader, rmu only guards against misuse.
	rmu   sync.Mutex
	rmsgs [batchRead]ipv4.Message
	rbufs [batchRead][batchMTU]byte
	rn    int
	rpos  int

	mu    sync.Mutex
	msgs  [batchCap]ipv4.Message
	bufs  [batchCap][batchMTU]byte
	addrs [batchCap]net.UDPAddr
	ips   [batchCap][16]byte
	dst   [batchCap]netip.AddrPort
	n     int
	gso   gsoState
	kick  chan struct{}
	done  chan struct{}
	once  sync.Once
}

func newBatchConn(c *net.UDPConn, set *batchSet) *batchConn {
	b := &batchConn{UDPConn: c, set: set, kick: make(chan struct{}, 1), done: make(chan struct{})}
	if a, ok := c.LocalAddr().(*net.UDPAddr); ok && a.IP.To4() == nil {
		b.w = ipv6.NewPacketConn(c)
	} else {
		b.w = ipv4.NewPacketConn(c)
	}
	for i := range b.msgs {
		b.msgs[i].Buffers = [][]byte{nil}
		b.msgs[i].Addr = &b.addrs[i]
	}
	for i := range b.rmsgs {
		b.rmsgs[i].Buffers = [][]byte{b.rbufs[i][:]}
	}
	if b.gso.on = gsoSupported(c); b.gso.on {
		b.gso.open = make(map[netip.AddrPort]int, 256)
		b.gso.runs = make([]gsoRun, 0, batchCap)
	}
	go b.flusher()
	return b
}

// WriteTo queues one datagram for addr.
func (b *batchConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	if a, ok := addr.(*net.UDPAddr); ok {
		return b.WriteToAddrPort(p, a.AddrPort())
	}
	return b.UDPConn.WriteTo(p, addr)
}

// WriteToUDP queues one datagram for addr.
func (b *batchConn) WriteToUDP(p []byte, addr *net.UDPAddr) (int, error) {
	return b.WriteToAddrPort(p, addr.AddrPort())
}

// WriteToAddrPort queues one datagram for addr (the ICE mux's allocation-free path).
func (b *batchConn) WriteToAddrPort(p []byte, addr netip.AddrPort) (int, error) {
	if len(p) > batchMTU {
		return b.UDPConn.WriteToUDPAddrPort(p, addr)
	}
	b.mu.Lock()
	i := b.n
	m := &b.msgs[i]
	m.Buffers[0] = b.bufs[i][:copy(b.bufs[i][:], p)]
	a := &b.addrs[i]
	ip := addr.Addr().Unmap()
	if ip.Is4() {
		v := ip.As4()
		a.IP = b.ips[i][:copy(b.ips[i][:], v[:])]
	} else {
		v := ip.As16()
		a.IP = b.ips[i][:copy(b.ips[i][:], v[:])]
	}
	a.Port, a.Zone = int(addr.Port()), ""
	b.dst[i] = netip.AddrPortFrom(ip, addr.Port())
	b.n++
	if b.n == batchCap {
		b.flushLocked()
	} else if i == 0 && b.set.held.Load() == 0 {
		b.wake()
	}
	b.mu.Unlock()
	return len(p), nil
}

// wake asks the flusher to send the batch batchDelay from now.
func (b *batchConn) wake() {
	select {
	case b.kick <- struct{}{}:
	default:
	}
}

// ReadFromAddrPort returns the next datagram, reading up to batchSize at once with recvmmsg.
func (b *batchConn) ReadFromAddrPort(p []byte) (int, netip.AddrPort, error) {
	b.rmu.Lock()
	defer b.rmu.Unlock()
	for b.rpos == b.rn {
		n, err := b.w.ReadBatch(b.rmsgs[:], 0)
		if err != nil {
			return 0, netip.AddrPort{}, err
		}
		b.rn, b.rpos = n, 0
	}
	m := &b.rmsgs[b.rpos]
	b.rpos++
	var from netip.AddrPort
	if a, ok := m.Addr.(*net.UDPAddr); ok {
		from = a.AddrPort()
	}
	return copy(p, b.rbufs[b.rpos-1][:m.N]), from, nil
}

// ReadFrom returns the next datagram (see ReadFromAddrPort).
func (b *batchConn) ReadFrom(p []byte) (int, net.Addr, error) {
	n, from, err := b.ReadFromAddrPort(p)
	if err != nil {
		return 0, nil, err
	}
	return n, net.UDPAddrFromAddrPort(from), nil
}

// flushLocked sends the queued datagrams (b.mu held). UDP may lose them; an error drops the
// rest of the batch, as the network would.
func (b *batchConn) flushLocked() {
	n := b.n
	b.n = 0
	if n == 0 {
		return
	}
	if b.gso.on && n > 1 {
		if runs := b.gso.plan(n, &b.dst, &b.msgs); runs < n {
			sent, err := b.sendAll(b.gso.out[:runs])
			if err == nil || !gsoRefused(err) {
				return
			}
			// The socket refuses segmentation (a device without checksum offload answers EIO):
			// send the packets of the runs not sent one by one, and no more GSO on this socket.
			b.gso.on = false
			b.set.log.Warn("UDP segmentation offload refused; sending packet by packet", "local", b.LocalAddr().String(), "err", err)
			k := 0
			for i := 0; i < n; i++ {
				if b.gso.of[i] >= sent {
					b.gso.out[k] = b.msgs[i]
					k++
				}
			}
			_, _ = b.sendAll(b.gso.out[:k])
			return
		}
	}
	_, _ = b.sendAll(b.msgs[:n])
}

// sendAll writes ms with as few sendmmsg calls as it takes; it returns how many were sent.
func (b *batchConn) sendAll(ms []ipv4.Message) (int, error) {
	sent := 0
	for sent < len(ms) {
		k, err := b.w.WriteBatch(ms[sent:], 0)
		if err != nil {
			return sent, err
		}
		if k == 0 {
			return sent, io.ErrShortWrite
		}
		sent += k
	}
	return sent, nil
}

// flusher sends a batch batchDelay after a write outside any fan-out started it, unless it
// was sent before.
func (b *batchConn) flusher() {
	for {
		select {
		case <-b.done:
			return
		case <-b.kick:
		}
		time.Sleep(batchDelay)
		b.mu.Lock()
		b.flushLocked()
		b.mu.Unlock()
	}
}

// Close sends what is queued and closes the socket.
func (b *batchConn) Close() error {
	b.once.Do(func() {
		close(b.done)
		b.mu.Lock()
		b.flushLocked()
		b.mu.Unlock()
	})
	return b.UDPConn.Close()
}
