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
type batchNet struct{ *stdnet.Net }

// ListenUDP opens a UDP socket with batched writes.
func (n batchNet) ListenUDP(network string, laddr *net.UDPAddr) (transport.UDPConn, error) {
	c, err := net.ListenUDP(network, laddr)
	if err != nil {
		return nil, err
	}
	return newBatchConn(c), nil
}

// batchWriter is ipv4.PacketConn or ipv6.PacketConn.
type batchWriter interface {
	WriteBatch(ms []ipv4.Message, flags int) (int, error)
}

// batchConn is a UDP socket whose writes are queued in preallocated buffers and sent by
// sendmmsg; reads go straight to the socket.
type batchConn struct {
	*net.UDPConn
	w batchWriter

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

// ReadFromAddrPort reads one datagram (the ICE mux's allocation-free path).
func (b *batchConn) ReadFromAddrPort(p []byte) (int, netip.AddrPort, error) {
	return b.UDPConn.ReadFromUDPAddrPort(p)
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
