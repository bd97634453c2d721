package mcu

import (
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/pion/transport/v5"
	"github.com/pion/transport/v5/stdnet"
	"golang.org/x/net/ipv4"
	"golang.org/x/net/ipv6"
)

// Batched writes on the shared UDP port: one sendmmsg for up to batchSize packets, sent when
// the batch is full or batchDelay after its first packet, whichever comes first.
const (
	batchSize  = 64
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
	b := newBatchConn(c)
	n.set.add(b)
	return b, nil
}

// batchSet is every batched socket of the MCU. A source flushes them after writing one packet
// to all its receivers, so a fan-out leaves in one sendmmsg without waiting for batchDelay.
type batchSet struct {
	mu    sync.Mutex
	conns []*batchConn
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
// sendmmsg, and whose reads take up to batchSize datagrams per recvmmsg.
type batchConn struct {
	*net.UDPConn
	w batchIO

	// Reads: one recvmmsg fills rmsgs, ReadFromAddrPort hands them out one by one. The ICE
	// mux has a single reader, rmu only guards against misuse.
	rmu   sync.Mutex
	rmsgs [batchSize]ipv4.Message
	rbufs [batchSize][batchMTU]byte
	rn    int
	rpos  int

	mu    sync.Mutex
	msgs  [batchSize]ipv4.Message
	bufs  [batchSize][batchMTU]byte
	addrs [batchSize]net.UDPAddr
	ips   [batchSize][16]byte
	n     int
	kick  chan struct{}
	done  chan struct{}
	once  sync.Once
}

func newBatchConn(c *net.UDPConn) *batchConn {
	b := &batchConn{UDPConn: c, kick: make(chan struct{}, 1), done: make(chan struct{})}
	if a, ok := c.LocalAddr().(*net.UDPAddr); ok && a.IP.To4() == nil {
		b.w = ipv6.NewPacketConn(c)
	} else {
		b.w = ipv4.NewPacketConn(c)
	}
	for i := range b.msgs {
		b.msgs[i].Buffers = [][]byte{nil}
		b.msgs[i].Addr = &b.addrs[i]
		b.rmsgs[i].Buffers = [][]byte{b.rbufs[i][:]}
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
	b.n++
	if b.n == batchSize {
		b.flushLocked()
	} else if i == 0 {
		select {
		case b.kick <- struct{}{}:
		default:
		}
	}
	b.mu.Unlock()
	return len(p), nil
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

// flushLocked sends the queued datagrams (b.mu held). UDP may lose them; errors drop the batch.
func (b *batchConn) flushLocked() {
	sent := 0
	for sent < b.n {
		k, err := b.w.WriteBatch(b.msgs[sent:b.n], 0)
		if err != nil || k == 0 {
			break
		}
		sent += k
	}
	b.n = 0
}

// flusher sends a batch batchDelay after its first packet unless it filled up before.
func (b *batchConn) flusher() {
	for {
		select {
		case <-b.done:
			return
		case <-b.kick:
		}
		time.Sleep(batchDelay)
		b.mu.Lock()
		if b.n > 0 {
			b.flushLocked()
		}
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
