package mcu

import (
	"sync/atomic"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// pliInterval is the least time between two keyframe requests to one source.
const pliInterval = 500 * time.Millisecond

// RFC 3550 A.1's bounds on a plausible step of the sequence number: further ahead than
// maxDropout, or further behind than maxMisorder, is a jump that the slots renumber.
const (
	maxDropout  = 3000
	maxMisorder = 100
)

// maxHeaderBytes is the most RTP header (with its extensions) a source may send before it is
// logged; extensions are never forwarded, so a larger header costs nothing but its arrival.
const maxHeaderBytes = 512

// source is one inbound track of a session (the microphone or the camera) and the slots it feeds.
type source struct {
	sess   *session
	m      *member
	kind   webrtc.RTPCodecType
	mime   string
	ssrc   uint32
	cache  *packetCache               // video only: answers receivers' NACKs
	out    *batchSet                  // flushed after each fan-out; nil without a shared port
	recv   recvStats                  // loss and jitter of what arrives
	fanout atomic.Pointer[[]*binding] // bindings that had this source when last selected
	pliAt  atomic.Int64
	meter  levelMeter
	paused atomic.Bool // video: its endpoint was asked to stop sending it (pause.go)
	pace   cameraPace  // video: used only by the conference's run goroutine

	pkt       rtp.Packet // the packet being received; used only by receive
	cached    bool       // the packet cache holds buffers (cache.go): only while a slot carries src; used only by receive
	frameTS   uint32     // RTP timestamp of the last video frame seen; used only by receive
	haveFrame bool
	gated     bool // audio was held back by a mute since the last forwarded packet; used only by receive
	jumped    bool // the sequence number jumped; the next forwarded packet renumbers the slots
	jumps     int  // jumps seen; only the first is logged
	bigHeader bool // a header over maxHeaderBytes was logged
}

// newSource makes an inbound stream of s: kind and mime as negotiated, its SSRC and RTP clock
// rate, and the id of the RFC 6464 audio level header extension (0: none).
func newSource(s *session, kind webrtc.RTPCodecType, mime string, ssrc, clock uint32, levelExtID uint8) *source {
	src := &source{sess: s, m: s.m, kind: kind, mime: mime, ssrc: ssrc, out: s.conf.mcu.batches}
	src.meter.extID = levelExtID
	src.recv.clock = float64(clock)
	if src.recv.clock == 0 {
		src.recv.clock = 90000
	}
	if src.kind == webrtc.RTPCodecTypeVideo {
		src.cache = &packetCache{}
	}
	empty := []*binding{}
	src.fanout.Store(&empty)
	return src
}

// receive takes one RTP packet of the source as it arrived (raw; not kept after the call) and
// forwards it to the slots that carry it; it reports false for bytes that are no RTP packet. The
// packets of one source come from one goroutine at a time.
func (src *source) receive(raw []byte) bool {
	pkt := &src.pkt
	if err := pkt.Unmarshal(raw); err != nil {
		return false
	}
	n := len(raw)
	if hdr := n - len(pkt.Payload) - int(pkt.PaddingSize); hdr > maxHeaderBytes && !src.bigHeader {
		src.bigHeader = true
		src.sess.log.Warn("RTP header extensions over the limit; not forwarded, further ones not logged",
			"kind", src.kind.String(), "ssrc", src.ssrc, "header_bytes", hdr, "limit", maxHeaderBytes)
	}
	now := time.Now()
	if src.recv.observe(pkt.SequenceNumber, pkt.Timestamp, now) {
		src.noteJump(pkt.SequenceNumber)
	}
	src.m.packetsIn.Add(1)
	src.m.bytesIn.Add(uint64(n))
	if src.kind == webrtc.RTPCodecTypeAudio {
		src.meter.observe(pkt, src.m, now)
		src.forwardAudio(pkt, now)
		return true
	}
	fan := *src.fanout.Load()
	if len(fan) > 0 {
		src.cache.put(pkt.SequenceNumber, raw)
		src.cached = true
		if src.pliAt.Load() == 0 {
			src.requestKeyframe() // back from a pause (pause.go), or the first packets of a slot
		}
	} else if src.cached {
		src.cache.release()
		src.cached = false
	}
	src.observeVideo(pkt)
	src.forward(pkt, fan, now)
	return true
}

// forwardAudio writes pkt to the slots carrying this source unless the member is muted. The
// gate's read lock spans the check and the writes, so a Mute that returned stops every write.
func (src *source) forwardAudio(pkt *rtp.Packet, now time.Time) {
	m := src.m
	m.gate.RLock()
	if m.mode == Unmuted {
		// After a mute or a jump the slots renumber from here, so the receiver sees no gap.
		resync := src.gated || src.jumped
		src.gated, src.jumped = false, false
		if fan := *src.fanout.Load(); len(fan) > 0 {
			src.out.hold()
			wrote := false
			for _, b := range fan {
				if b.write(src, pkt, now, resync) {
					m.forwardedAudio.Add(1)
					wrote = true
				}
			}
			src.out.release(wrote)
		}
	} else {
		src.gated = true
	}
	m.gate.RUnlock()
}

// forward writes a video packet to fan, the slots carrying this source. The last packet of a frame
// (the marker) sends the batch: each receiver's packets of the frame leave together, as one
// segmented datagram where the kernel offers it (udpgso.go).
func (src *source) forward(pkt *rtp.Packet, fan []*binding, now time.Time) {
	wrote, resync := false, src.jumped
	src.jumped = false
	if len(fan) == 0 {
		return
	}
	src.out.hold()
	for _, b := range fan {
		wrote = b.write(src, pkt, now, resync) || wrote
	}
	src.out.release(wrote && pkt.Marker)
}

// noteJump makes the slots renumber from a packet whose sequence number jumped (recvStats.observe
// tells): a receiver must not see (and NACK) thousands of packets that never existed. The first
// jump of the source is logged, the others only counted.
func (src *source) noteJump(seq uint16) {
	if src.jumps == 0 {
		src.sess.log.Warn("RTP sequence number jumped; renumbered for receivers, further jumps not logged",
			"kind", src.kind.String(), "ssrc", src.ssrc, "to", seq)
	}
	src.jumps++
	src.jumped = true
}

// observeVideo counts frames (a new RTP timestamp starts a frame) and records the resolution
// of VP8 keyframes and H.264 sequence parameter sets.
func (src *source) observeVideo(pkt *rtp.Packet) {
	if !src.haveFrame || pkt.Timestamp != src.frameTS {
		src.frameTS, src.haveFrame = pkt.Timestamp, true
		src.m.frames.Add(1)
	}
	w, h, ok := 0, 0, false
	switch src.mime {
	case mimeVP8:
		w, h, ok = vp8KeyframeSize(pkt.Payload)
	case mimeH264:
		w, h, ok = H264FrameSize(pkt.Payload)
	}
	if ok {
		src.m.width.Store(int32(w))
		src.m.height.Store(int32(h))
	}
}

// requestKeyframe asks the source's endpoint for a keyframe (through its transport), at most once
// per pliInterval.
func (src *source) requestKeyframe() {
	if src.kind != webrtc.RTPCodecTypeVideo {
		return
	}
	now := time.Now().UnixNano()
	last := src.pliAt.Load()
	if now-last < int64(pliInterval) || !src.pliAt.CompareAndSwap(last, now) {
		return
	}
	src.sess.tr.RequestKeyframe(src.ssrc)
}
