package softsip

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"sync"
	"time"

	"github.com/pion/rtp"

	"diemcau/audio/g722"
)

// videoTicks is the RTP timestamp advance of one picture at 25 fps (90 kHz clock).
const videoTicks = 90000 / 25

// stream is one RTP stream pair with the server: its socket (RTCP multiplexed), where to send,
// and what arrived.
type stream struct {
	conn   *net.UDPConn
	remote *net.UDPAddr
	pt     uint8
	ssrc   uint32
	seq    uint16
	ts     uint32
	buf    []byte
	counts counter
}

func openStream(local net.IP) (*stream, error) {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: local})
	if err != nil {
		return nil, fmt.Errorf("softsip: media socket: %w", err)
	}
	return &stream{conn: c, ssrc: rand.Uint32(), seq: uint16(rand.Uint32()), ts: rand.Uint32(), buf: make([]byte, 1500)}, nil
}

func (s *stream) port() int { return s.conn.LocalAddr().(*net.UDPAddr).Port }

// close ends the socket; nil-safe.
func (s *stream) close() {
	if s != nil {
		s.conn.Close()
	}
}

// send writes one RTP packet of the stream.
func (s *stream) send(marker bool, payload []byte) error {
	h := rtp.Header{Version: 2, PayloadType: s.pt, SequenceNumber: s.seq, Timestamp: s.ts, SSRC: s.ssrc, Marker: marker}
	s.seq++
	n, err := h.MarshalTo(s.buf)
	if err != nil {
		return err
	}
	_, err = s.conn.WriteToUDP(append(s.buf[:n], payload...), s.remote)
	return err
}

// startMedia starts sending and receiving until ctx ends.
func (e *Endpoint) startMedia(ctx context.Context) {
	e.wg.Go(func() { e.sendLoop(ctx) })
	e.wg.Go(func() { e.receive(e.audio, e.cfg.Listen) })
	if e.video != nil {
		e.wg.Go(func() { e.receive(e.video, false) })
	}
}

// frames is the G.722 loop of the endpoint's Talk.
func (e *Endpoint) frames() [][]byte {
	switch e.cfg.Talk {
	case Speech:
		return e.cfg.Clips.Speech
	case Probe:
		return e.cfg.Clips.Probe
	}
	return e.cfg.Clips.Quiet
}

// sendLoop sends a G.722 frame every 20 ms and a picture every other frame (25 fps).
func (e *Endpoint) sendLoop(ctx context.Context) {
	frames := e.frames()
	video := e.cfg.Clips.Video
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	fails := 0
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		k := i % len(frames)
		if e.cfg.Talk == Probe && e.cfg.Probe != nil && k%probeCycle == probeMarkAt {
			e.cfg.Probe.sent(time.Now())
		}
		err := e.audio.send(i == 0, frames[k])
		e.audio.ts += frameTicks
		if e.video != nil && i%2 == 0 {
			f := video[(i/2)%len(video)]
			for j, p := range f.Payloads {
				if werr := e.video.send(j == len(f.Payloads)-1, p); werr != nil {
					err = werr
				}
			}
			e.video.ts += videoTicks
		}
		if err != nil && ctx.Err() == nil {
			if fails == 0 {
				e.log.Warn("softsip: sending failed; further failures not logged", "err", err)
			}
			fails++
		}
	}
}

// receive counts what arrives on s until its socket closes; listen decodes the audio and looks
// for the probe's mark.
func (e *Endpoint) receive(s *stream, listen bool) {
	buf := make([]byte, 1500)
	var h rtp.Header
	var dec *g722.Decoder
	var pcm []int16
	wasMarked := false
	if listen {
		dec, pcm = g722.NewDecoder(), make([]int16, 2*1500)
	}
	for {
		n, _, err := s.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		if n >= 2 && buf[1] >= 192 && buf[1] <= 223 {
			continue // RTCP
		}
		hl, err := h.Unmarshal(buf[:n])
		if err != nil {
			continue
		}
		now := time.Now()
		e.first.CompareAndSwap(0, now.UnixNano())
		s.counts.packet(h.SSRC, h.SequenceNumber)
		if dec == nil || h.PayloadType != s.pt {
			continue
		}
		m := dec.Decode(pcm, buf[hl:n])
		isMarked := marked(pcm[:m])
		if isMarked && !wasMarked && e.cfg.Probe != nil {
			e.cfg.Probe.heard(now)
		}
		wasMarked = isMarked
	}
}

// Counts is what an endpoint received: expected (from the sequence numbers) and received
// packets of the mix and of the picture.
type Counts struct {
	AudioExpected, AudioReceived uint64
	VideoExpected, VideoReceived uint64
	Video                        bool // the call carries video
}

// Counts returns the packets received so far.
func (e *Endpoint) Counts() Counts {
	e.mu.Lock()
	a, v := e.audio, e.video
	e.mu.Unlock()
	var c Counts
	if a != nil {
		c.AudioExpected, c.AudioReceived = a.counts.totals()
	}
	if v != nil {
		c.Video = true
		c.VideoExpected, c.VideoReceived = v.counts.totals()
	}
	return c
}

// counter counts the packets of each SSRC arriving on a stream.
type counter struct {
	mu   sync.Mutex
	srcs map[uint32]*seqCount
}

// seqCount follows one SSRC's extended sequence numbers.
type seqCount struct {
	base, max uint64
	received  uint64
}

func (c *counter) packet(ssrc uint32, seq uint16) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.srcs == nil {
		c.srcs = map[uint32]*seqCount{}
	}
	s := c.srcs[ssrc]
	if s == nil {
		ext := uint64(seq) + 1<<16 // room below for a reordered first packet
		c.srcs[ssrc] = &seqCount{base: ext, max: ext, received: 1}
		return
	}
	// the extension of seq nearest to max
	ext := s.max&^0xffff | uint64(seq)
	switch {
	case ext+0x8000 < s.max:
		ext += 1 << 16
	case ext > s.max+0x8000 && ext >= 1<<16:
		ext -= 1 << 16
	}
	s.max = max(s.max, ext)
	s.base = min(s.base, ext)
	s.received++
}

// totals is the packets expected and received over every SSRC.
func (c *counter) totals() (expected, received uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.srcs {
		expected += s.max - s.base + 1
		received += s.received
	}
	return expected, received
}

// ProbeClock pairs the probe's marks with where listeners heard them: the mix latency is the
// time from sending the first marked frame to a listener's first decoded frame carrying it.
// Every endpoint runs in one process, so one clock times both ends.
type ProbeClock struct {
	mu        sync.Mutex
	lastSent  time.Time
	latencies []time.Duration
}

func (p *ProbeClock) sent(at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lastSent = at
}

func (p *ProbeClock) heard(at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if d := at.Sub(p.lastSent); !p.lastSent.IsZero() && d >= 0 && d < probeCycle*20*time.Millisecond {
		p.latencies = append(p.latencies, d)
	}
}

// Latencies returns the mix latencies measured since the last Reset.
func (p *ProbeClock) Latencies() []time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]time.Duration(nil), p.latencies...)
}

// Reset forgets the latencies measured so far (the warm-up's).
func (p *ProbeClock) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.latencies = nil
}
