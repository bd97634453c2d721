package bench

import (
	"context"
	"fmt"
	"sync"
	"time"

	"diemcau/softep"
	"diemcau/softsip"
)

// sipListeners is how many SIP sites decode their mix to hear the probe's marks.
const sipListeners = 3

// sipSites are the bench's soft SIP room systems: the first sends the probe tone, the next
// sipListeners listen for its marks, the others send a quiet room.
type sipSites struct {
	eps   []*softsip.Endpoint
	probe *softsip.ProbeClock
	// rssBefore is the MCU's RSS with only the WebRTC endpoints in, before the SIP sites dial.
	rssBefore uint64
	// baseCPU is the MCU's CPU (seconds a second) with only the WebRTC endpoints in.
	baseCPU float64
}

// sipBaseWindow is how long the MCU's CPU is read with only the WebRTC endpoints in.
const sipBaseWindow = 3 * time.Second

// dialSIP dials every SIP site at once after the WebRTC endpoints are in, and records the dial
// times: from the INVITE to the first packet of the mix.
func dialSIP(ctx context.Context, cfg Config, mcu *benchMCU, res *Result, progress func(string, ...any)) (*sipSites, error) {
	s := &sipSites{probe: &softsip.ProbeClock{}}
	var err error
	if s.rssBefore, err = mcu.rssBytes(); err != nil {
		return nil, err
	}
	if s.baseCPU, err = cpuRate(ctx, mcu, sipBaseWindow); err != nil {
		return nil, err
	}
	for i, id := range mcu.ready.IDs[cfg.Endpoints:] {
		talk := softsip.Quiet
		if i == 0 {
			talk = softsip.Probe
		}
		s.eps = append(s.eps, softsip.New(softsip.Config{Server: mcu.ready.SIP, ID: id, Secret: mcu.ready.Secrets[id],
			Clips: cfg.SIPClips, Talk: talk, Probe: s.probe, Listen: i >= 1 && i <= sipListeners, Log: cfg.Log}))
	}
	progress("dialling %d SIP sites at once (%s)", len(s.eps), mcu.ready.SIP)
	dials, failed := allAtOnce(ctx, s.eps, (*softsip.Endpoint).Dial)
	if ctx.Err() != nil {
		s.hangupAll()
		return nil, ctx.Err()
	}
	for _, err := range failed {
		progress("%v", err)
	}
	res.SIP, res.SIPJoined, res.SIPFailed = len(s.eps), len(s.eps)-len(failed), len(failed)
	if res.SIPJoined == 0 {
		s.hangupAll()
		return nil, fmt.Errorf("bench: no SIP site joined: %w", failed[0])
	}
	res.DialP50Ms, res.DialP99Ms, res.DialMaxMs = percentileMs(dials, 50), percentileMs(dials, 99), percentileMs(dials, 100)
	progress("SIP: %d of %d in: p50 %.0f ms, p99 %.0f ms; warming up", res.SIPJoined, len(s.eps), res.DialP50Ms, res.DialP99Ms)
	return s, nil
}

// memory records the MCU's memory per SIP site: its RSS growth since before the dials.
func (s *sipSites) memory(mcu *benchMCU, res *Result) error {
	rss, err := mcu.rssBytes()
	if err != nil {
		return err
	}
	res.RSSPerSIPMB = (float64(rss) - float64(s.rssBefore)) / (1 << 20) / float64(max(res.SIPJoined, 1))
	return nil
}

// hangupAll hangs every site up, all at once.
func (s *sipSites) hangupAll() {
	var wg sync.WaitGroup
	for _, e := range s.eps {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), softep.LeaveLimit)
			defer cancel()
			_ = e.Hangup(ctx)
		})
	}
	wg.Wait()
}

// sipReading is what the SIP sites received at one edge of the window.
type sipReading struct {
	expected, received uint64
	video              int    // calls carrying video
	videoReceived      uint64 // their picture's packets
	audioReceived      uint64 // packets of the mix
}

func (s *sipSites) read() sipReading {
	var r sipReading
	if s == nil {
		return r
	}
	for _, e := range s.eps {
		c := e.Counts()
		r.expected += c.AudioExpected + c.VideoExpected
		r.received += c.AudioReceived + c.VideoReceived
		r.audioReceived += c.AudioReceived
		if c.Video {
			r.video++
			r.videoReceived += c.VideoReceived
		}
	}
	return r
}

// fill computes the SIP rows of the window from its edges and the MCU's CPU seconds over it.
func (s *sipSites) fill(res *Result, start, end sipReading, cpuSecs, secs float64) {
	if s == nil {
		return
	}
	if exp := end.expected - start.expected; exp > 0 {
		res.SIPLossPct = max(0, float64(int64(exp)-int64(end.received-start.received))*100/float64(exp))
	}
	res.SIPVideo = end.video
	res.SIPMixPPS = float64(end.audioReceived-start.audioReceived) / secs / float64(max(res.SIPJoined, 1))
	if end.video > 0 {
		res.SIPVideoInPPS = float64(end.videoReceived-start.videoReceived) / secs / float64(end.video)
	}
	if ticks := float64(res.SIPJoined) * secs * 50; ticks > 0 {
		res.USPerMixAll = cpuSecs * 1e6 / ticks
		res.USPerMix = max(0, cpuSecs-s.baseCPU*secs) * 1e6 / ticks
	}
	lat := s.probe.Latencies()
	res.MixLatencySamples = len(lat)
	res.MixLatencyP50Ms, res.MixLatencyP99Ms = percentileMs(lat, 50), percentileMs(lat, 99)
}

// cpuRate is the MCU's CPU seconds a second over the next d.
func cpuRate(ctx context.Context, mcu *benchMCU, d time.Duration) (float64, error) {
	u0, s0, err := mcu.cpuTimes()
	if err != nil {
		return 0, err
	}
	t0 := time.Now()
	if !softep.Sleep(ctx, d) {
		return 0, ctx.Err()
	}
	u1, s1, err := mcu.cpuTimes()
	if err != nil {
		return 0, err
	}
	return (u1 + s1 - u0 - s0).Seconds() / time.Since(t0).Seconds(), nil
}
