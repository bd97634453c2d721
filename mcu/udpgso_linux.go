package mcu

import (
	"errors"
	"net"
	"unsafe"

	"golang.org/x/sys/unix"
)

// gsoSupported reports whether the kernel offers UDP generic segmentation offload on c
// (Linux 4.18 and later): the same probe quic-go makes.
func gsoSupported(c *net.UDPConn) bool {
	rc, err := c.SyscallConn()
	if err != nil {
		return false
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		_, serr = unix.GetsockoptInt(int(fd), unix.IPPROTO_UDP, unix.UDP_SEGMENT)
	}); err != nil {
		return false
	}
	return serr == nil
}

// gsoControl writes into oob the control message that tells the kernel to cut the datagram
// into segments of size bytes (UDP_SEGMENT), and returns it.
func gsoControl(oob *[gsoOOBCap]byte, size uint16) []byte {
	const dataLen = 2
	n := unix.CmsgSpace(dataLen)
	b := oob[:n]
	clear(b)
	h := (*unix.Cmsghdr)(unsafe.Pointer(&b[0]))
	h.Level = unix.IPPROTO_UDP
	h.Type = unix.UDP_SEGMENT
	h.SetLen(unix.CmsgLen(dataLen))
	*(*uint16)(unsafe.Pointer(&b[unix.CmsgSpace(0)])) = size
	return b
}

// gsoRefused tells an error of a segmented send that means the socket cannot segment.
func gsoRefused(err error) bool { return errors.Is(err, unix.EIO) || errors.Is(err, unix.EINVAL) }
