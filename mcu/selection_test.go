package mcu

import (
	"log/slog"
	"testing"
	"time"
)

// fakeLive builds sessions with audio sources for selection tests (no network involved).
func fakeLive(c *Conference, levels map[string]int32, now time.Time) []*session {
	var live []*session
	for _, m := range c.members {
		lvl, ok := levels[m.info.ID]
		if !ok {
			continue
		}
		s := &session{m: m, conf: c}
		s.audioIn.Store(&source{sess: s, m: m})
		m.sess = s
		m.level.Store(lvl)
		if lvl > speakingThreshold {
			m.lastVoice.Store(now.UnixNano())
		}
		live = append(live, s)
	}
	return live
}

// TestSpeakerHysteresis checks that the speaker slot moves only after a challenger has been
// clearly louder for speakerHold, ignores a short burst, and follows the floor.
func TestSpeakerHysteresis(t *testing.T) {
	c := newConference(&MCU{log: slog.Default()}, ConferenceSpec{ID: "x", Members: []Member{
		{ID: "MAIN", Main: true}, {ID: "B"}, {ID: "C"}}})
	t0 := time.Unix(1000, 0)
	live := fakeLive(c, map[string]int32{"MAIN": 90, "B": 70, "C": 10}, t0)
	if !c.updateSpeaker(live, t0) || c.sel.speakerID != "B" {
		t.Fatalf("first speaker %q, want B (main excluded while others speak)", c.sel.speakerID)
	}
	steps := []struct {
		after time.Duration
		b, cl int32
		want  string
	}{
		{100 * time.Millisecond, 70, 90, "B"},  // C louder: challenger starts
		{600 * time.Millisecond, 70, 60, "B"},  // a cough: C drops back, challenge reset
		{700 * time.Millisecond, 70, 90, "B"},  // C again
		{1500 * time.Millisecond, 70, 90, "B"}, // 0.8 s: not yet
		{2300 * time.Millisecond, 70, 90, "C"}, // 1.6 s: C takes the slot
	}
	for _, st := range steps {
		now := t0.Add(st.after)
		live = fakeLive(c, map[string]int32{"MAIN": 90, "B": st.b, "C": st.cl}, now)
		c.updateSpeaker(live, now)
		if c.sel.speakerID != st.want {
			t.Fatalf("at %v speaker %q, want %q", st.after, c.sel.speakerID, st.want)
		}
	}
	if c.sel.prevSpeaker == nil || c.sel.prevSpeaker.info.ID != "B" {
		t.Error("previous speaker not kept")
	}
	c.floor = c.byID["B"]
	c.updateSpeaker(live, t0.Add(3*time.Second))
	if c.sel.speakerID != "B" {
		t.Errorf("floor holder not pinned: %q", c.sel.speakerID)
	}
}

// TestPlanAudioSticky checks that a source keeps its slot and a receiver never hears itself.
func TestPlanAudioSticky(t *testing.T) {
	c := newConference(&MCU{log: slog.Default()}, ConferenceSpec{ID: "x", AudioSlots: 2, Members: []Member{
		{ID: "MAIN", Main: true}, {ID: "B"}, {ID: "C"}, {ID: "D"}}})
	now := time.Now()
	live := fakeLive(c, map[string]int32{"MAIN": 20, "B": 80, "C": 70, "D": 60}, now)
	r := live[1] // B
	r.audio = make([]*binding, 2)
	plan := c.planAudio(r, c.rankAudio(live))
	if plan[0].m.info.ID != "C" || plan[1].m.info.ID != "D" {
		t.Fatalf("plan %s,%s; want C,D", plan[0].m.info.ID, plan[1].m.info.ID)
	}
	r.assigned.audio = plan
	c.byID["MAIN"].level.Store(95) // main speaks: always included, and D keeps no slot
	plan = c.planAudio(r, c.rankAudio(live))
	if plan[0].m.info.ID != "C" || plan[1].m.info.ID != "MAIN" {
		t.Fatalf("plan %s,%s; want C kept on slot 1, MAIN on slot 2", plan[0].m.info.ID, plan[1].m.info.ID)
	}
	c.byID["C"].setMode(HardMute)
	plan = c.planAudio(r, c.rankAudio(live))
	for _, src := range plan {
		if src != nil && (src.m.info.ID == "C" || src.m.info.ID == "B") {
			t.Fatalf("muted or own source planned: %s", src.m.info.ID)
		}
	}
}

// TestPlanVideoSticky: while the main site is the speaker, each receiver's speaker slot shows
// another site; that site stays as the levels move (no flapping), until it leaves or is muted
// while an open site waits.
func TestPlanVideoSticky(t *testing.T) {
	c := newConference(&MCU{log: slog.Default()}, ConferenceSpec{ID: "x", Members: []Member{
		{ID: "MAIN", Main: true}, {ID: "B"}, {ID: "C"}, {ID: "D"}}})
	now := time.Now()
	live := fakeLive(c, map[string]int32{"MAIN": 90, "B": 20, "C": 30, "D": 25}, now)
	for _, s := range live {
		src := &source{sess: s, m: s.m}
		src.fanout.Store(&[]*binding{})
		s.videoIn.Store(src)
	}
	r := live[1] // B receives
	r.video = []*binding{{slot: slotMain}, {slot: slotSpeaker}}
	mainM := c.byID["MAIN"]
	c.updateSpeaker(live, now)
	if c.sel.speaker != mainM || c.sel.prevSpeaker != nil {
		t.Fatalf("speaker %v, previous %v: want MAIN and none", c.sel.speaker, c.sel.prevSpeaker)
	}
	speakerOf := func() string {
		plan, _ := c.planVideo(r, mainM, rankVideo(live))
		if plan[0] == nil || plan[0].m != mainM {
			t.Fatalf("main slot %v, want MAIN", plan[0])
		}
		r.assigned.video = plan
		if plan[1] == nil {
			return ""
		}
		return plan[1].m.info.ID
	}
	if got := speakerOf(); got != "C" {
		t.Fatalf("speaker slot %q, want the loudest other site C", got)
	}
	// Another receiver whose loudest other site is B still gets C, which B already sees: no
	// paused camera has to start for it.
	cSrc := c.byID["C"].sess.videoIn.Load()
	cSrc.fanout.Store(&[]*binding{r.video[1]})
	c.byID["B"].level.Store(33)
	d := live[3]
	d.video = []*binding{{slot: slotMain}, {slot: slotSpeaker}}
	if plan, _ := c.planVideo(d, mainM, rankVideo(live)); plan[1] != cSrc {
		t.Fatalf("D's speaker slot %v, want C, the camera already forwarded", plan[1])
	}
	for _, lv := range []map[string]int32{{"C": 10, "D": 40}, {"C": 35, "D": 20}, {"C": 5, "D": 60}} {
		for id, l := range lv {
			c.byID[id].level.Store(l)
		}
		if got := speakerOf(); got != "C" {
			t.Fatalf("levels %v: speaker slot moved to %q; it must stay on C", lv, got)
		}
	}
	c.byID["C"].setMode(HardMute)
	if got := speakerOf(); got != "D" {
		t.Fatalf("C muted while D is open: speaker slot %q, want D", got)
	}
	c.byID["D"].sess = nil // D leaves
	live = []*session{live[0], live[1], live[2]}
	if got := speakerOf(); got != "C" {
		t.Fatalf("D gone: speaker slot %q, want C (muted, but the only other site)", got)
	}
}

func TestVP8KeyframeSize(t *testing.T) {
	key := []byte{0x10, 0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x00, 0x05, 0xd0, 0x02}
	if w, h, ok := vp8KeyframeSize(key); !ok || w != 1280 || h != 720 {
		t.Errorf("keyframe: %d×%d %v", w, h, ok)
	}
	inter := []byte{0x10, 0x51, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x00, 0x05, 0xd0, 0x02}
	if _, _, ok := vp8KeyframeSize(inter); ok {
		t.Error("interframe read as keyframe")
	}
	if _, _, ok := vp8KeyframeSize([]byte{0x10, 0x50}); ok {
		t.Error("short payload read as keyframe")
	}
}

func TestLevelPercent(t *testing.T) {
	for _, tc := range []struct {
		in   uint8
		want float64
	}{{127, 0}, {0, 100}, {200, 0}, {70, 0}, {10, 100}, {40, 50}, {55, 25}} {
		if got := levelPercent(tc.in); got != tc.want {
			t.Errorf("levelPercent(%d) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
