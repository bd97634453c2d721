package mcu

import (
	"sync"

	"github.com/pion/rtp"
)

// Size of the per-source packet cache: at ~140 video packets a second (1.5 Mbit/s) it holds
// about one second, several NACK round trips; 192 KB per camera.
const (
	cacheSlots   = 128
	cachePacketB = 1500
)

// packetCache keeps the last cacheSlots raw RTP packets of one video source, indexed by sequence
// number, in buffers allocated once. Receivers' NACKs are answered from it, so the MCU does not
// keep one copy of each packet per receiver.
type packetCache struct {
	mu    sync.Mutex
	slots [cacheSlots]cachedPacket
}

type cachedPacket struct {
	seq   uint16
	n     int // 0 = empty
	bytes [cachePacketB]byte
}

// put stores a raw RTP packet with sequence number seq; larger packets are not cached.
func (c *packetCache) put(seq uint16, raw []byte) {
	if len(raw) > cachePacketB {
		return
	}
	c.mu.Lock()
	s := &c.slots[seq%cacheSlots]
	s.seq = seq
	s.n = copy(s.bytes[:], raw)
	c.mu.Unlock()
}

// get unmarshals the cached packet seq into pkt, its payload copied into buf; ok is false when
// the packet is no longer (or never was) in the cache.
func (c *packetCache) get(seq uint16, buf []byte, pkt *rtp.Packet) bool {
	c.mu.Lock()
	s := &c.slots[seq%cacheSlots]
	if s.n == 0 || s.seq != seq {
		c.mu.Unlock()
		return false
	}
	n := copy(buf, s.bytes[:s.n])
	c.mu.Unlock()
	return pkt.Unmarshal(buf[:n]) == nil
}
