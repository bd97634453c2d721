package softep

import (
	"net"
	"net/netip"
	"sync/atomic"

	"github.com/pion/transport/v5"
)

// Cut pulls the cable without the endpoint noticing (on true) or plugs it back (on false): while
// cut, every datagram of its media sockets — RTP, RTCP, STUN consent, DTLS and the control
// channel — is dropped both ways, and nothing is closed. Unlike Drop, the far end learns of it
// only from the silence; the endpoint's own ICE agent may give the link up after a while, and
// Run then rejoins once the cut ends.
func (e *Endpoint) Cut(on bool) { e.cut.Store(on) }

// addrPortConn is the allocation-free datagram interface Pion's ICE prefers.
type addrPortConn interface {
	ReadFromAddrPort(b []byte) (int, netip.AddrPort, error)
	WriteToAddrPort(b []byte, addr netip.AddrPort) (int, error)
}

// udpAddrPort adapts a *net.UDPConn to addrPortConn.
type udpAddrPort struct{ c *net.UDPConn }

func (u udpAddrPort) ReadFromAddrPort(b []byte) (int, netip.AddrPort, error) {
	return u.c.ReadFromUDPAddrPort(b)
}

func (u udpAddrPort) WriteToAddrPort(b []byte, addr netip.AddrPort) (int, error) {
	return u.c.WriteToUDPAddrPort(b, addr)
}

// cutConn is a media socket that drops what it reads and writes while cut is set.
type cutConn struct {
	transport.UDPConn
	ap  addrPortConn // the socket's allocation-free side; nil when it has none
	cut *atomic.Bool
}

// newCutConn wraps c with the endpoint's cut.
func newCutConn(c transport.UDPConn, cut *atomic.Bool) *cutConn {
	cc := &cutConn{UDPConn: c, cut: cut}
	switch x := c.(type) {
	case *net.UDPConn:
		cc.ap = udpAddrPort{x}
	case addrPortConn:
		cc.ap = x
	}
	return cc
}

// ReadFromAddrPort returns the next datagram that arrives while not cut.
func (c *cutConn) ReadFromAddrPort(b []byte) (int, netip.AddrPort, error) {
	for {
		var n int
		var from netip.AddrPort
		var err error
		if c.ap != nil {
			n, from, err = c.ap.ReadFromAddrPort(b)
		} else {
			var addr net.Addr
			n, addr, err = c.UDPConn.ReadFrom(b)
			if a, ok := addr.(*net.UDPAddr); ok {
				from = a.AddrPort()
			}
		}
		if err != nil || !c.cut.Load() {
			return n, from, err
		}
	}
}

// ReadFrom is ReadFromAddrPort with a net.Addr.
func (c *cutConn) ReadFrom(b []byte) (int, net.Addr, error) {
	n, from, err := c.ReadFromAddrPort(b)
	if err != nil {
		return n, nil, err
	}
	return n, net.UDPAddrFromAddrPort(from), nil
}

// WriteToAddrPort sends b to addr, or pretends to while cut.
func (c *cutConn) WriteToAddrPort(b []byte, addr netip.AddrPort) (int, error) {
	if c.cut.Load() {
		return len(b), nil
	}
	if c.ap != nil {
		return c.ap.WriteToAddrPort(b, addr)
	}
	return c.UDPConn.WriteTo(b, net.UDPAddrFromAddrPort(addr))
}

// WriteTo sends b to addr, or pretends to while cut.
func (c *cutConn) WriteTo(b []byte, addr net.Addr) (int, error) {
	if c.cut.Load() {
		return len(b), nil
	}
	return c.UDPConn.WriteTo(b, addr)
}
