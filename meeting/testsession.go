package meeting

import (
	"fmt"
	"slices"
	"time"
)

// TestItem is one line of the test-session checklist of a bridge point (Article 10.2.b).
type TestItem string

// The checklist. The first seven are measured by the MCU during the test session; the others
// are ticked by the technician.
const (
	ItemConnected  TestItem = "connected"  // the bridge point is in the conference
	ItemAudio      TestItem = "audio"      // audio received and the microphone's level not silent
	ItemVideo      TestItem = "video"      // video received at HD 720p or more
	ItemBitrate    TestItem = "bitrate"    // inbound bitrate enough for 720p
	ItemLoss       TestItem = "loss"       // packet loss
	ItemJitter     TestItem = "jitter"     // audio jitter
	ItemRTT        TestItem = "rtt"        // round-trip time
	ItemDisplay    TestItem = "display"    // display mode with 2 picture sources
	ItemCamera     TestItem = "camera"     // camera control and presets
	ItemEcho       TestItem = "echo"       // echo cancellation on
	ItemNoHowl     TestItem = "no_howl"    // no howling, hissing or noise
	ItemPower      TestItem = "power"      // power supply
	ItemTechnician TestItem = "technician" // the site's technician is present
)

// MeasuredItems are the items the MCU measures, in checklist order.
var MeasuredItems = []TestItem{ItemConnected, ItemAudio, ItemVideo, ItemBitrate, ItemLoss, ItemJitter, ItemRTT}

// ManualItems are the items the technician ticks, in checklist order.
var ManualItems = []TestItem{ItemDisplay, ItemCamera, ItemEcho, ItemNoHowl, ItemPower, ItemTechnician}

// Measured reports whether the MCU measures item (rather than the technician ticking it).
func (i TestItem) Measured() bool { return slices.Contains(MeasuredItems, i) }

// TestThresholds are the limits a bridge point's link must meet in the test session.
type TestThresholds struct {
	MinWidth, MinHeight int     // picture format: HD 720p (Article 10.2.b)
	MinBitrateKbps      float64 // inbound, audio and video together
	MaxLossPct          float64
	MaxJitterMs         float64
	MaxRTTMs            float64
	MinAudioLevel       int // 0…100 as the MCU's level meter reports it; below is silence
}

// DefaultTestThresholds are the limits of a test session. 720p30 needs about 768 kbit/s on
// common VCS terminals; loss under 1 % is the MCU's "good" grade, and jitter and RTT stay
// below the levels at which the MCU already lowers a link's grade (40 ms, 400 ms). A level of
// 1 is about -69 dBov: anything quieter is a dead microphone.
var DefaultTestThresholds = TestThresholds{
	MinWidth: 1280, MinHeight: 720,
	MinBitrateKbps: 768,
	MaxLossPct:     1,
	MaxJitterMs:    30,
	MaxRTTMs:       300,
	MinAudioLevel:  1,
}

// Measurement is what the MCU measured of one bridge point during the test session.
type Measurement struct {
	Connected   bool
	AudioLevel  int     // the loudest smoothed level (0…100) seen; 0 when no audio arrived
	LossPct     float64 // inbound loss over the last interval
	JitterMs    float64 // inbound audio jitter
	RTTMs       float64 // 0 when not measured yet
	BitrateKbps float64 // inbound, all tracks
	Width       int     // from the last keyframe; 0 when no video arrived
	Height      int
}

// ItemResult is the outcome of one checklist item: passed or not, and the figure it rests on
// ("1280×720", "1187 kbps"; "" for manual items and for what could not be measured).
type ItemResult struct {
	Item   TestItem
	Passed bool
	Figure string
}

// Evaluate checks a measurement against the thresholds and returns the measured items in
// checklist order. A bridge point that is not connected fails every item; a figure the MCU
// has not measured yet (no video, no RTT) fails with an empty figure.
func (t TestThresholds) Evaluate(m Measurement) []ItemResult {
	if !m.Connected {
		out := make([]ItemResult, len(MeasuredItems))
		for i, it := range MeasuredItems {
			out[i] = ItemResult{Item: it}
		}
		return out
	}
	res := func(it TestItem, ok bool, figure string) ItemResult {
		return ItemResult{Item: it, Passed: ok, Figure: figure}
	}
	video := ""
	if m.Width > 0 && m.Height > 0 {
		video = fmt.Sprintf("%d×%d", m.Width, m.Height)
	}
	rtt := ""
	if m.RTTMs > 0 {
		rtt = millis(m.RTTMs)
	}
	return []ItemResult{
		res(ItemConnected, true, ""),
		res(ItemAudio, m.AudioLevel >= t.MinAudioLevel, fmt.Sprintf("%d/100", m.AudioLevel)),
		res(ItemVideo, m.Width >= t.MinWidth && m.Height >= t.MinHeight, video),
		res(ItemBitrate, m.BitrateKbps >= t.MinBitrateKbps, fmt.Sprintf("%.0f kbps", m.BitrateKbps)),
		res(ItemLoss, m.LossPct <= t.MaxLossPct, fmt.Sprintf("%.1f %%", m.LossPct)),
		res(ItemJitter, m.JitterMs <= t.MaxJitterMs, millis(m.JitterMs)),
		res(ItemRTT, rtt != "" && m.RTTMs <= t.MaxRTTMs, rtt),
	}
}

// millis prints a duration in milliseconds, with a decimal below 10 ms ("0.8 ms", "42 ms").
func millis(ms float64) string {
	if ms < 10 {
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// Checklist is the whole checklist of one bridge point: the measured items, then the manual
// items with the technician's ticks (an item missing from ticked is not ticked).
func (t TestThresholds) Checklist(m Measurement, ticked map[TestItem]bool) []ItemResult {
	out := t.Evaluate(m)
	for _, it := range ManualItems {
		out = append(out, ItemResult{Item: it, Passed: ticked[it]})
	}
	return out
}

// AllPassed reports whether every item passed.
func AllPassed(items []ItemResult) bool {
	for _, r := range items {
		if !r.Passed {
			return false
		}
	}
	return len(items) > 0
}

// LevelWindow is how long the meter remembers a bridge point's loudest audio level: speech
// comes and goes and the MCU's meter decays between words, but a microphone that fell silent
// must show as silent soon after.
const LevelWindow = 10 * time.Second

// TestMeter follows the bridge points through a test session: each one's loudest audio level
// over the last LevelWindow and its latest link figures. Use NewTestMeter.
type TestMeter struct {
	last map[string]meterReading
}

// meterReading is the latest measurement with the moment its loudest level was heard.
type meterReading struct {
	m      Measurement
	peakAt time.Time
}

// NewTestMeter returns an empty meter.
func NewTestMeter() *TestMeter { return &TestMeter{last: map[string]meterReading{}} }

// Observe records a reading of bridgePoint taken at now. A disconnection forgets the loudest
// level, so that a bridge point that rejoins must be heard again.
func (tm *TestMeter) Observe(bridgePoint string, m Measurement, now time.Time) {
	r := meterReading{m: m, peakAt: now}
	prev, ok := tm.last[bridgePoint]
	if ok && m.Connected && prev.m.Connected && prev.m.AudioLevel > m.AudioLevel && now.Sub(prev.peakAt) < LevelWindow {
		r.m.AudioLevel, r.peakAt = prev.m.AudioLevel, prev.peakAt
	}
	tm.last[bridgePoint] = r
}

// Reset forgets what was measured of bridgePoint, for a re-test.
func (tm *TestMeter) Reset(bridgePoint string) { delete(tm.last, bridgePoint) }

// Measurement is what the meter holds for bridgePoint (the zero Measurement, not connected,
// when nothing was observed).
func (tm *TestMeter) Measurement(bridgePoint string) Measurement { return tm.last[bridgePoint].m }
