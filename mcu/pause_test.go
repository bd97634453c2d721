package mcu

import (
	"context"
	"testing"
	"time"
)

// A camera on no receiver's slot is paused through the control channel after pauseAfter, the
// status says so, and the bridge point stays connected with its audio measured; when the floor
// brings it onto the speaker slot it is resumed at once, gets a keyframe request of its own,
// and its video reaches the receivers again.
func TestCameraOnNoSlotIsPaused(t *testing.T) {
	h := newHarness(t, ConferenceSpec{Members: []Member{
		{ID: "MAIN", Name: "Tỉnh ủy", Main: true}, {ID: "B", Name: "Xã B"}, {ID: "C", Name: "Xã C"},
		{ID: "D", Name: "Xã D"}, {ID: "OUT", Name: "Xã E"}}})
	clients := map[string]*testClient{}
	for _, id := range []string{"MAIN", "B", "C", "D", "OUT"} {
		clients[id] = h.client(id)
	}
	clients["OUT"].deaf.Store(true) // does not know the message: keeps sending
	// With five sites and nobody speaking, every receiver sees MAIN and one of B or C (or B
	// and C for MAIN itself): the cameras of D and OUT are on nobody's slot.
	d := clients["D"]
	d.waitMsg("video", func(m map[string]any) bool { return m["send"] == false })
	clients["OUT"].waitMsg("video", func(m map[string]any) bool { return m["send"] == false })
	for _, id := range []string{"MAIN", "B", "C"} {
		if clients[id].camPaused.Load() {
			t.Errorf("%s's camera, which is on a slot, was paused", id)
		}
	}
	eventually(t, 5*time.Second, func() bool { return h.participant("D").Quality.VideoPaused },
		"D's quality never says its video is paused")
	if q := h.participant("OUT").Quality; q.VideoPaused || q.FPS == 0 {
		t.Errorf("OUT ignores the pause and keeps sending (%.0f fps): its status says paused %v", q.FPS, q.VideoPaused)
	}

	// Paused, D sends no video but its audio keeps the link measured and connected.
	sent, in := d.camSent.Load(), h.participant("D").PacketsIn
	time.Sleep(time.Second)
	if n := d.camSent.Load(); n != sent {
		t.Fatalf("D sent %d camera packets while paused", n-sent)
	}
	if p := h.participant("D"); !p.Connected || p.PacketsIn <= in {
		t.Fatalf("D while paused: connected %v, packets in %d → %d", p.Connected, in, p.PacketsIn)
	}

	// A test session keeps every camera on: D is resumed although on no slot, and paused
	// again once the lease lapses.
	h.conf.KeepCameras(time.Minute)
	d.waitMsg("video", func(m map[string]any) bool { return m["send"] == true })
	h.conf.KeepCameras(0)
	d.waitMsg("video", func(m map[string]any) bool { return m["send"] == false })

	plis := d.plis.Load()
	if err := h.conf.GrantFloor(context.Background(), "tester", "D"); err != nil {
		t.Fatal(err)
	}
	d.waitMsg("video", func(m map[string]any) bool { return m["send"] == true })
	eventually(t, 5*time.Second, func() bool { return d.plis.Load() > plis },
		"no keyframe request for D's camera after it was resumed")
	dSSRC := d.camSSRC
	for _, id := range []string{"MAIN", "B", "C"} {
		c := clients[id]
		_, before := c.counts(dSSRC)
		eventually(t, 5*time.Second, func() bool { _, v := c.counts(dSSRC); return v > before+5 },
			"%s does not receive D's video after the floor was granted", id)
	}
	if h.participant("D").Quality.VideoPaused {
		eventually(t, 3*time.Second, func() bool { return !h.participant("D").Quality.VideoPaused },
			"D's quality still says paused after the resume")
	}
}
