package mcu

import (
	"sync"

	"github.com/pion/rtp"
)

// Size of the per-source packet cache: at ~140 video packets a second (1.5 Mbit/s) it holds
// about one second, several NACK round trips and a whole 720p keyframe; 192 KB per camera
// while the camera is on a slot.
const (
	cacheSlots   = 128
	cachePacketB = 1500
)

// packetCache keeps the last cacheSlots raw RTP packets of one video source, indexed by sequence
// number. Receivers' NACKs are answered from it, so the MCU does not keep one copy of each packet
// per receiver. Only a source that some slot carries needs it (a binding resends only packets
// of its current source, forwarded since the switch), so the buffers are allocated when the
// source is first put on a slot and freed when it leaves all of them: in a 160-site meeting
// a handful of cameras hold a cache, not all 160.
type packetCache struct {
	mu    sync.Mutex
	slots *[cacheSlots]cachedPacket // nil while the source is on no slot
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
	if c.slots == nil { // once per stay on a slot, not per packet
		c.slots = new([cacheSlots]cachedPacket)
	}
	s := &c.slots[seq%cacheSlots]
	s.seq = seq
	s.n = copy(s.bytes[:], raw)
	c.mu.Unlock()
}

// release frees the buffers of a source that no slot carries any more; the next put starts an
// empty cache, so a packet cached before the release is never resent after it.
func (c *packetCache) release() {
	c.mu.Lock()
	c.slots = nil
	c.mu.Unlock()
}

// held reports whether the cache currently has its buffers.
func (c *packetCache) held() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slots != nil
}

// get unmarshals the cached packet seq into pkt, its payload copied into buf; ok is false when
// the packet is no longer (or never was) in the cache.
func (c *packetCache) get(seq uint16, buf []byte, pkt *rtp.Packet) bool {
	c.mu.Lock()
	if c.slots == nil {
		c.mu.Unlock()
		return false
	}
	s := &c.slots[seq%cacheSlots]
	if s.n == 0 || s.seq != seq {
		c.mu.Unlock()
		return false
	}
	n := copy(buf, s.bytes[:s.n])
	c.mu.Unlock()
	return pkt.Unmarshal(buf[:n]) == nil
}
