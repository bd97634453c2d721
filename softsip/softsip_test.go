package softsip

import (
	"math"
	"testing"

	"diemcau/audio/g722"
)

// The counter follows sequence numbers across the 16-bit wrap, counts a gap as loss and a
// reordered packet once.
func TestCounterWrapAndLoss(t *testing.T) {
	var c counter
	seqs := []uint16{65533, 65534, 65535, 0, 2, 1, 3, 5} // 4 lost
	for _, s := range seqs {
		c.packet(7, s)
	}
	exp, got := c.totals()
	if exp != 9 || got != 8 {
		t.Fatalf("expected %d received %d, want 9 and 8", exp, got)
	}
	c.packet(8, 100) // another source counts on its own
	if exp, got = c.totals(); exp != 10 || got != 9 {
		t.Fatalf("two sources: expected %d received %d", exp, got)
	}
}

// The probe's mark survives G.722: a listener decoding the probe signal finds one mark a
// cycle, on the first marked frame, and none in speech or the quiet room.
func TestProbeMarkDetectedThroughG722(t *testing.T) {
	clips, err := LoadClips("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	detect := func(frames [][]byte) []int {
		dec := g722.NewDecoder()
		pcm := make([]int16, frameSamples)
		var at []int
		was := false
		for i, f := range frames {
			n := dec.Decode(pcm, f)
			m := marked(pcm[:n])
			if m && !was {
				at = append(at, i)
			}
			was = m
		}
		return at
	}
	if at := detect(append(clips.Probe, clips.Probe...)); len(at) != 2 || at[0] != probeMarkAt || at[1] != probeCycle+probeMarkAt {
		t.Fatalf("marks found at frames %v, want %d and %d", at, probeMarkAt, probeCycle+probeMarkAt)
	}
	if at := detect(clips.Quiet); len(at) != 0 {
		t.Fatalf("marks in the quiet room at %v", at)
	}
	if len(clips.Speech) < 100 {
		t.Fatalf("speech of %d frames", len(clips.Speech))
	}
	if len(clips.Video) != 250 { // testdata/video-720p.h264: 10 s at 25 fps
		t.Fatalf("the H.264 clip in %d pictures, want 250", len(clips.Video))
	}
}

// An Annex B stream is cut into pictures at each first slice, with the parameter sets sent
// before the picture they precede.
func TestPacketizeH264(t *testing.T) {
	sps := []byte{0x67, 0x42, 0xe0, 0x1f, 0x01}
	pps := []byte{0x68, 0xce, 0x3c, 0x80}
	idr := []byte{0x65, 0x88} // first_mb_in_slice 0; 3 kB: needs FU-A
	for range 3000 {
		idr = append(idr, 0xaa)
	}
	p := []byte{0x41, 0x9a, 0x01}
	var stream []byte
	for _, nal := range [][]byte{sps, pps, idr, p, p} {
		stream = append(append(stream, 0, 0, 0, 1), nal...)
	}
	frames, err := packetizeH264(stream)
	if err != nil {
		t.Fatal(err)
	}
	if len(frames) != 3 {
		t.Fatalf("%d pictures, want 3", len(frames))
	}
	if n := len(frames[0].Payloads); n < 3 {
		t.Fatalf("the keyframe in %d packets, want the parameter sets and FU-A fragments", n)
	}
	if _, err := packetizeH264([]byte{1, 2, 3}); err == nil {
		t.Fatal("a stream without pictures packetized")
	}
}

// The quiet room is a quiet room all along its loop: decoded as the endpoint plays it, round
// and round, no frame comes near the MCU's speaking threshold (-49 dBov); the loop's seam once
// clicked at -49 dBov every second, which made a quiet room be heard.
func TestQuietRoomLoopHasNoClick(t *testing.T) {
	clips, err := LoadClips("../testdata")
	if err != nil {
		t.Fatal(err)
	}
	dec := g722.NewDecoder()
	pcm := make([]int16, frameSamples)
	for round := range 3 {
		for i, f := range clips.Quiet {
			n := dec.Decode(pcm, f)
			var sum float64
			for _, v := range pcm[:n] {
				sum += float64(v) * float64(v)
			}
			if db := 10 * math.Log10(sum/float64(n)/(32768*32768)); db > -55 {
				t.Fatalf("round %d, frame %d decoded at %.1f dBov, want a room at about -60", round, i, db)
			}
		}
	}
}
