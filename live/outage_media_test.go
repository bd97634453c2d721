package live

import (
	"context"
	"testing"
	"time"

	"diemcau/meeting"
	"diemcau/store"
)

// siteFeed plays one bridge point's observations into a tracker, one per second.
type siteFeed struct {
	t       *testing.T
	tr      *OutageTracker
	meeting int64
	at      time.Time
	o       Observation
}

// tick advances one second and observes f.o; heard says whether anything (STUN, RTCP) arrived.
func (f *siteFeed) tick(n int, heard bool) {
	f.t.Helper()
	for range n {
		f.at = f.at.Add(time.Second)
		if heard {
			f.o.LinkAt = f.at.Add(-300 * time.Millisecond)
		}
		if err := f.tr.Observe(context.Background(), f.meeting, f.o, f.at); err != nil {
			f.t.Fatal(err)
		}
	}
}

// outagesOf returns the outages of meetingID.
func outagesOf(t *testing.T, st *store.Store, meetingID int64) []store.Outage {
	t.Helper()
	out, err := st.Outages(context.Background(), meetingID)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Muted (soft or hard), a camera paused by the MCU, an audio-only site: no RTP at all, and a link
// alive with STUN and RTCP. None of it is an outage, an interruption or a draft.
func TestOutageTrackerSilentMediaOnALiveLinkIsUp(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	tests := []struct {
		name string
		o    Observation
	}{
		{"hard-muted, camera paused", Observation{AudioIn: 500, VideoIn: 900}},
		{"soft-muted, camera on a slot and sending", Observation{CameraWanted: true}},
		{"audio-only and muted", Observation{AudioIn: 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, mid := floorStore(t, t0)
			f := &siteFeed{t: t, tr: NewOutageTracker(st, "vi", nil), meeting: mid, at: t0, o: tc.o}
			f.o.BridgePoint, f.o.Connected = "XA-IAGRAI", true
			for range 60 {
				if tc.o.CameraWanted {
					f.o.VideoIn += 30
				}
				f.tick(1, true)
			}
			if in := incidentsOf(t, st, mid); len(in) != 0 {
				t.Errorf("drafts for a live link without media: %+v", in)
			}
			if _, total := meeting.Interruptions(outagesOf(t, st, mid), f.at); total != 0 {
				t.Errorf("interruption %v for a live link without media", total)
			}
		})
	}
}

// A link that fails (ICE consent, DTLS closed) is down at once; one that carries nothing for
// LinkSilentAfter is down from its last arrival. Each is one line draft and one outage.
func TestOutageTrackerLinkDown(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	st, mid := floorStore(t, t0)
	f := &siteFeed{t: t, tr: NewOutageTracker(st, "en", nil), meeting: mid, at: t0,
		o: Observation{BridgePoint: "XA-IAGRAI", Connected: true}}
	f.tick(5, true)
	f.tick(int(LinkSilentAfter/time.Second)-1, false)
	if in := incidentsOf(t, st, mid); len(in) != 0 {
		t.Fatalf("a draft before LinkSilentAfter: %+v", in)
	}
	lastHeard := f.o.LinkAt
	f.tick(10, false)
	f.tick(3, true)
	f.o.LinkDown = true // DTLS closed, or ICE consent failed: traffic may still have arrived just now
	f.tick(4, true)
	f.o.LinkDown = false
	f.tick(3, true)
	in, out := incidentsOf(t, st, mid), outagesOf(t, st, mid)
	if len(in) != 2 || len(out) != 2 {
		t.Fatalf("incidents %+v, outages %+v: want two of each", in, out)
	}
	if in[0].Kind != "line" || !in[0].StartedAt.Equal(lastHeard) || out[0].Cause != "no_media" || in[0].EndedAt.IsZero() {
		t.Errorf("silent link: incident %+v, outage %+v", in[0], out[0])
	}
	if in[1].Kind != "line" || out[1].Cause != "disconnected" || out[1].EndedAt.IsZero() {
		t.Errorf("failed link: incident %+v, outage %+v", in[1], out[1])
	}
}

// No RTP on an open microphone, or on a camera on a slot, for NoMediaAfter opens one audio or
// video draft, never an outage; it ends when media flow again. DTX (a packet every 400 ms),
// muting, and the MCU pausing the camera do not open one.
func TestOutageTrackerNoMediaIsItsOwnSignal(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, meeting.Zone())
	st, mid := floorStore(t, t0)
	f := &siteFeed{t: t, tr: NewOutageTracker(st, "vi", nil), meeting: mid, at: t0,
		o: Observation{BridgePoint: "XA-IAGRAI", Connected: true, MicOpen: true, CameraWanted: true}}
	for range 30 { // DTX silence: 2–3 packets a second; a camera sending
		f.o.AudioIn += 2
		f.o.VideoIn += 30
		f.tick(1, true)
	}
	f.o.MicOpen = false // muted: nothing comes, nothing is wrong
	f.o.CameraWanted = false
	f.tick(30, true)
	if in := incidentsOf(t, st, mid); len(in) != 0 {
		t.Fatalf("drafts for DTX, a mute and a paused camera: %+v", in)
	}
	f.o.MicOpen = true // unmuted, and the microphone stays dead
	f.tick(int(NoMediaAfter/time.Second)-1, true)
	if in := incidentsOf(t, st, mid); len(in) != 0 {
		t.Fatalf("a draft before NoMediaAfter: %+v", in)
	}
	f.tick(5, true)
	f.o.CameraWanted = true // on a slot again, and no picture comes
	f.tick(int(NoMediaAfter/time.Second)+2, true)
	in := incidentsOf(t, st, mid)
	if len(in) != 2 || in[0].Kind != "audio" || in[1].Kind != "video" || in[0].Status != "draft" {
		t.Fatalf("incidents = %+v, want one audio and one video draft", in)
	}
	if !in[0].EndedAt.IsZero() || !in[1].EndedAt.IsZero() {
		t.Errorf("drafts ended while media are still missing: %+v", in)
	}
	f.o.AudioIn += 10
	f.o.VideoIn += 10
	f.tick(1, true)
	for _, d := range incidentsOf(t, st, mid) {
		if d.EndedAt.IsZero() {
			t.Errorf("draft %d (%s) not ended when media came back", d.ID, d.Kind)
		}
	}
	if out := outagesOf(t, st, mid); len(out) != 0 {
		t.Errorf("missing media counted as an interruption: %+v", out)
	}
}
