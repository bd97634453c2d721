package softep

import (
	"testing"
	"time"

	"diemcau/softep/whiptest"
)

// TestSoftEndpointCountOnly checks that a count-only endpoint counts what the MCU sends from the
// RTP headers at its socket, by source, with its sequence numbers, while the rest of the link
// (DTLS, the control channel) still works through Pion.
func TestSoftEndpointCountOnly(t *testing.T) {
	m := whiptest.New(t, testToken)
	e, _ := newTestEndpoint(t, m, "XA-IAGRAI", func(c *Config) { c.CountOnly = true })
	e.SetTalking(true)
	if err := e.Join(joinCtx(t)); err != nil {
		t.Fatalf("join: %v", err)
	}
	p := m.Peer("XA-IAGRAI", 0)
	as, _ := e.SSRCs()
	eventually(t, "echoed audio counted", 5*time.Second, func() bool { return e.Received().BySource[as].Audio > 20 })
	st := e.Received()
	if st.FirstPacket.IsZero() || st.BySource[as].LastAudio.IsZero() || st.AudioPackets < st.BySource[as].Audio {
		t.Fatalf("stats %+v", st)
	}
	if st.SlotReceived == 0 || st.SlotExpected < st.SlotReceived {
		t.Fatalf("slot sequence: expected %d, received %d", st.SlotExpected, st.SlotReceived)
	}
	// The camera's frames leave in one sendmmsg each and arrive whole.
	m.WaitFor("video frames", 10*time.Second, func() bool {
		_, frames, _ := p.Snapshot()
		return len(frames) >= 5
	})
	_, frames, _ := p.Snapshot()
	if w, h, ok := VP8KeyframeSize(frames[0]); !ok || w != 1280 || h != 720 {
		t.Fatalf("first frame: keyframe=%v %dx%d", ok, w, h)
	}
	p.Send(t, `{"type":"slots","main":"UBND-TINH","speaker":"XA-IAO","audio":["UBND-TINH"]}`)
	eventually(t, "slots over the control channel", 5*time.Second, func() bool { return e.Received().Slots["main"] == "UBND-TINH" })
}

func TestIsRTP(t *testing.T) {
	tests := []struct {
		b    []byte
		want bool
	}{
		{append([]byte{0x80, 111}, make([]byte, 10)...), true},       // Opus
		{append([]byte{0x90, 96 | 0x80}, make([]byte, 10)...), true}, // VP8 with marker and extension
		{append([]byte{0x80, 200}, make([]byte, 10)...), false},      // RTCP sender report
		{append([]byte{0x81, 205}, make([]byte, 10)...), false},      // RTCP feedback
		{append([]byte{0x00, 0x01}, make([]byte, 18)...), false},     // STUN binding request
		{append([]byte{22, 0xfe}, make([]byte, 11)...), false},       // DTLS handshake
		{[]byte{0x80, 111, 0, 1}, false},                             // too short
	}
	for _, tc := range tests {
		if got := isRTP(tc.b); got != tc.want {
			t.Errorf("isRTP(% x) = %v, want %v", tc.b[:2], got, tc.want)
		}
	}
}
