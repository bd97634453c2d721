package mcu

import (
	"time"

	"github.com/pion/webrtc/v4"
)

// qualityState is the previous reading of one session's counters.
type qualityState struct {
	at          time.Time
	recv        uint64
	lost        int64
	bytesIn     uint64
	bytesOut    uint64
	frames      uint64
	initialised bool
}

// refreshQuality computes every connected session's link quality over the last interval, and
// samples its liveness.
func (c *Conference) refreshQuality(now time.Time) {
	c.mu.Lock()
	live := make([]*session, 0, len(c.members))
	for _, m := range c.members {
		if s := m.sess; s != nil && s.connected {
			live = append(live, s)
		}
	}
	c.mu.Unlock()
	for _, s := range live {
		q := s.measure(now, s.tr.Stats(now))
		c.mu.Lock()
		s.m.quality = q
		c.mu.Unlock()
	}
}

// measure reads the sources' receive statistics (or the transport's own, st.Inbound), the RTT
// and the byte counters of s.
func (s *session) measure(now time.Time, st TransportStats) Quality {
	var recv uint64
	var lost int64
	var jitter float64
	for _, src := range []*source{s.audioIn.Load(), s.videoIn.Load()} {
		if src == nil {
			continue
		}
		expected, received := src.recv.counts()
		recv += received
		lost += int64(expected) - int64(received)
		if src.kind == webrtc.RTPCodecTypeAudio {
			jitter = src.recv.jitterSeconds()
		}
	}
	if in := st.Inbound; in != nil {
		recv, lost, jitter = in.Received, int64(in.Expected)-int64(in.Received), in.Jitter.Seconds()
	}
	bytesIn, bytesOut, frames := s.m.bytesIn.Load(), s.m.bytesOut.Load(), s.m.frames.Load()
	q := Quality{JitterMs: jitter * 1000, RTTMs: float64(st.RTT) / float64(time.Millisecond),
		Width: int(s.m.width.Load()), Height: int(s.m.height.Load())}
	p := &s.q
	if p.initialised {
		dt := now.Sub(p.at).Seconds()
		dRecv := int64(recv) - int64(p.recv)
		dLost := lost - p.lost
		if dLost > 0 && dRecv+dLost > 0 {
			q.LossPct = float64(dLost) * 100 / float64(dRecv+dLost)
		}
		if dt > 0 {
			q.BitrateKbps = float64(bytesIn-p.bytesIn) * 8 / dt / 1000
			q.OutKbps = float64(bytesOut-p.bytesOut) * 8 / dt / 1000
			q.FPS = float64(frames-p.frames) / dt
		}
	}
	if v := s.videoIn.Load(); v != nil && v.paused.Load() && p.initialised && q.FPS == 0 {
		q.VideoPaused = true // asked to pause, and no frame came: an endpoint that ignores it is not "paused"
	}
	q.Grade = grade(q.LossPct, q.JitterMs, q.RTTMs)
	*p = qualityState{at: now, recv: recv, lost: lost, bytesIn: bytesIn, bytesOut: bytesOut, frames: frames, initialised: true}
	return q
}
