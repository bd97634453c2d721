package mcu

import (
	"sync/atomic"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// pliInterval is the least time between two keyframe requests to one source.
const pliInterval = 500 * time.Millisecond

// source is one inbound track of a session (the microphone or the camera) and the slots it feeds.
type source struct {
	sess   *session
	m      *member
	kind   webrtc.RTPCodecType
	mime   string
	ssrc   uint32
	track  *webrtc.TrackRemote
	fanout atomic.Pointer[[]*binding] // bindings that had this source when last selected
	pliAt  atomic.Int64
	meter  levelMeter
}

func newSource(s *session, track *webrtc.TrackRemote, levelExtID uint8) *source {
	src := &source{sess: s, m: s.m, kind: track.Kind(), mime: track.Codec().MimeType,
		ssrc: uint32(track.SSRC()), track: track}
	src.meter.extID = levelExtID
	empty := []*binding{}
	src.fanout.Store(&empty)
	return src
}

// run reads the track until it ends and forwards every packet to the slots that carry it.
func (src *source) run() {
	buf := make([]byte, 1500)
	var pkt rtp.Packet
	audio := src.kind == webrtc.RTPCodecTypeAudio
	for {
		n, _, err := src.track.Read(buf)
		if err != nil {
			return
		}
		if err := pkt.Unmarshal(buf[:n]); err != nil {
			continue
		}
		now := time.Now()
		src.m.packetsIn.Add(1)
		src.m.bytesIn.Add(uint64(n))
		if audio {
			src.meter.observe(&pkt, src.m, now)
			src.forwardAudio(&pkt, now)
		} else {
			src.observeVideo(&pkt)
			src.forward(&pkt, now)
		}
	}
}

// forwardAudio writes pkt to the slots carrying this source unless the member is muted. The
// gate's read lock spans the check and the writes, so a Mute that returned stops every write.
func (src *source) forwardAudio(pkt *rtp.Packet, now time.Time) {
	m := src.m
	m.gate.RLock()
	if m.mode == Unmuted {
		for _, b := range *src.fanout.Load() {
			if b.write(src, pkt, now) {
				m.forwardedAudio.Add(1)
			}
		}
	}
	m.gate.RUnlock()
}

// forward writes a video packet to the slots carrying this source.
func (src *source) forward(pkt *rtp.Packet, now time.Time) {
	for _, b := range *src.fanout.Load() {
		b.write(src, pkt, now)
	}
}

// observeVideo records the resolution of VP8 keyframes.
func (src *source) observeVideo(pkt *rtp.Packet) {
	if src.mime != mimeVP8 {
		return
	}
	if w, h, ok := vp8KeyframeSize(pkt.Payload); ok {
		src.m.width.Store(int32(w))
		src.m.height.Store(int32(h))
	}
}

// requestKeyframe sends a PLI to the source, at most once per pliInterval.
func (src *source) requestKeyframe() {
	if src.kind != webrtc.RTPCodecTypeVideo {
		return
	}
	now := time.Now().UnixNano()
	last := src.pliAt.Load()
	if now-last < int64(pliInterval) || !src.pliAt.CompareAndSwap(last, now) {
		return
	}
	_ = src.sess.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{MediaSSRC: src.ssrc}})
}

// drain reads and discards a track the layout gives no role.
func drain(track *webrtc.TrackRemote) {
	buf := make([]byte, 1500)
	for {
		if _, _, err := track.Read(buf); err != nil {
			return
		}
	}
}
