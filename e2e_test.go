package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/endpoints"
	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

const e2eRegistry = `id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip
UBND-TINH,Phòng họp UBND tỉnh,UBND-TINH,Văn phòng UBND tỉnh,province,main,Phòng họp trực tuyến,Quy Nhơn,10.0.0.10
SO-KHCN,Sở Khoa học và Công nghệ,SO-KHCN,Sở Khoa học và Công nghệ,agency,sub,Phòng họp,Quy Nhơn,10.0.0.11
XA-IAGRAI,Xã Ia Grai,XA-IAGRAI,Xã Ia Grai,commune,sub,Phòng họp UBND xã,Ia Grai,10.0.1.10
`

// meetingRig is a real store, registry, MCU and HTTP server on loopback with one open conference.
type meetingRig struct {
	st     *store.Store
	reg    *endpoints.Registry
	mcu    *mcu.MCU
	conf   *mcu.Conference
	url    string
	tokens map[string]string
}

func newMeetingRig(t *testing.T, adhoc bool) *meetingRig {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "e2e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg := endpoints.NewRegistry(st)
	if _, err := reg.Import(ctx, strings.NewReader(e2eRegistry), "vi"); err != nil {
		t.Fatal(err)
	}
	r := &meetingRig{st: st, reg: reg, tokens: map[string]string{}}
	bps, err := reg.BridgePoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	spec := mcu.ConferenceSpec{ID: "1", Title: "Kiểm thử", Host: "Văn phòng UBND tỉnh", OpenToAll: adhoc}
	var ids []string
	for _, bp := range bps {
		secret, err := reg.Rotate(ctx, bp.ID)
		if err != nil {
			t.Fatal(err)
		}
		r.tokens[bp.ID] = secret
		if adhoc {
			continue
		}
		ids = append(ids, bp.ID)
		spec.Members = append(spec.Members, mcu.Member{ID: bp.ID, Name: bp.Name, Main: bp.Role == "main"})
	}
	mid, err := st.CreateMeeting(ctx, store.Meeting{Title: spec.Title, MainBP: "UBND-TINH", StartedAt: time.Now()}, ids)
	if err != nil {
		t.Fatal(err)
	}
	spec.MeetingID = mid
	m, err := mcu.New(mcu.Config{Loopback: true, Log: log}, st, reg, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	r.mcu = m
	if r.conf, err = m.Open(ctx, spec); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(m.Handler())
	t.Cleanup(srv.Close)
	r.url = srv.URL
	return r
}

// join connects a soft endpoint with the real clips from testdata.
func (r *meetingRig) join(t *testing.T, clips *softep.Clips, id string, ignoreMute bool) *softep.Endpoint {
	t.Helper()
	ep := softep.New(softep.Config{
		URL: r.url, ID: id, Token: r.tokens[id], Clips: clips, Receive: true, IgnoreMute: ignoreMute,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	ep.SetTalking(true)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := ep.Join(ctx); err != nil {
		t.Fatalf("join %s: %v", id, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		ep.Leave(ctx)
	})
	return ep
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// fromSource counts the audio and video packets rx received whose CSRC names the source's SSRCs.
func fromSource(rx, src *softep.Endpoint) (audio, video uint64) {
	a, v := src.SSRCs()
	got := rx.Received().BySource
	return got[a].Audio, got[v].Video
}

func TestMeetingEndToEnd(t *testing.T) {
	dir, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	clips, err := softep.LoadClips(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := newMeetingRig(t, false)
	events, cancel := r.mcu.Subscribe(1024)
	defer cancel()

	main := r.join(t, clips, "UBND-TINH", false)
	agency := r.join(t, clips, "SO-KHCN", true) // keeps sending when told to mute: the forwarder must enforce
	commune := r.join(t, clips, "XA-IAGRAI", false)
	all := []*softep.Endpoint{main, agency, commune}

	// Every endpoint receives the other two's audio through its audio slots.
	for _, rx := range all {
		for _, src := range all {
			if rx == src {
				continue
			}
			waitFor(t, "audio from one endpoint at another", 15*time.Second, func() bool {
				a, _ := fromSource(rx, src)
				return a > 20
			})
		}
	}
	// Video: everyone but the main sees the main on the main slot; the main sees a speaker.
	for _, rx := range []*softep.Endpoint{agency, commune} {
		waitFor(t, "main video", 15*time.Second, func() bool { _, v := fromSource(rx, main); return v > 30 })
	}
	waitFor(t, "speaker video at the main", 15*time.Second, func() bool {
		_, v1 := fromSource(main, agency)
		_, v2 := fromSource(main, commune)
		return v1+v2 > 30
	})

	// Hard mute: from the acknowledgement on, not one audio packet of SO-KHCN is forwarded.
	ctx := context.Background()
	if err := r.conf.Mute(ctx, "test:kythuat", "SO-KHCN", mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	forwardedAtAck := r.conf.ForwardedAudio("SO-KHCN")
	time.Sleep(100 * time.Millisecond) // packets already on the loopback wire before the ack land
	before := map[*softep.Endpoint]uint64{}
	for _, rx := range []*softep.Endpoint{main, commune} {
		before[rx], _ = fromSource(rx, agency)
	}
	time.Sleep(1500 * time.Millisecond)
	if got := r.conf.ForwardedAudio("SO-KHCN"); got != forwardedAtAck {
		t.Errorf("forwarder sent %d audio packets of a hard-muted bridge point after the ack", got-forwardedAtAck)
	}
	for rx, n := range before {
		if a, _ := fromSource(rx, agency); a != n {
			t.Errorf("a receiver got %d audio packets of the muted bridge point after the ack", a-n)
		}
	}
	// The misbehaving endpoint was still sending all along, so the silence is the MCU's doing.
	if muted, mode := agency.Muted(); !muted || mode != "hard" {
		t.Errorf("endpoint was told muted=%v mode=%q, want hard mute over the control channel", muted, mode)
	}

	// Unmute restores the audio.
	if err := r.conf.Unmute(ctx, "test:kythuat", "SO-KHCN"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "audio after unmute", 10*time.Second, func() bool {
		a, _ := fromSource(commune, agency)
		return a > before[commune]+20
	})

	// A speak request from the commune arrives as an event.
	if err := commune.RequestSpeak(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "speak request event", 10*time.Second, func() bool {
		for {
			select {
			case ev := <-events:
				if ev.Kind == mcu.EventSpeakRequest && ev.BridgePoint == "XA-IAGRAI" {
					return true
				}
			default:
				return false
			}
		}
	})

	// Everything is on record in SQLite.
	rows, err := r.st.AuditLog(ctx, r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		if row.BridgePoint == "SO-KHCN" && row.Actor == "test:kythuat" {
			seen[row.Action] = true
		}
	}
	if !seen["mute"] || !seen["unmute"] {
		t.Errorf("audit log lacks the mute/unmute rows: %+v", rows)
	}
	reqs, err := r.st.SpeakRequests(ctx, r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 1 || reqs[0].BridgePoint != "XA-IAGRAI" {
		t.Errorf("speak requests in the store = %+v, want one from XA-IAGRAI", reqs)
	}
	sessions, err := r.st.Sessions(ctx, r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	if len(sessions) < 3 {
		t.Errorf("sessions in the store = %d, want one per connected bridge point (3)", len(sessions))
	}
}

// An ad hoc meeting lets any registered bridge point in with its own secret, under its registry name.
func TestAdhocMeetingAdmitsRegisteredBridgePoints(t *testing.T) {
	dir, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	clips, err := softep.LoadClips(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := newMeetingRig(t, true)
	if n := len(r.conf.Snapshot().Participants); n != 0 {
		t.Fatalf("ad hoc meeting starts with %d participants, want 0", n)
	}
	r.join(t, clips, "XA-IAGRAI", false)
	waitFor(t, "the MCU to see the link up", 5*time.Second, func() bool {
		p := r.conf.Snapshot().Participants
		return len(p) == 1 && p[0].Connected
	})
	snap := r.conf.Snapshot()
	if len(snap.Participants) != 1 || snap.Participants[0].Name != "Xã Ia Grai" {
		t.Errorf("participants = %+v, want Xã Ia Grai connected", snap.Participants)
	}
	// Another bridge point's secret does not open this one.
	wrong := softep.New(softep.Config{
		URL: r.url, ID: "SO-KHCN", Token: r.tokens["XA-IAGRAI"], Clips: clips,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var refused *softep.JoinRefusedError
	if err := wrong.Join(ctx); !errors.As(err, &refused) || refused.Status != 401 {
		t.Errorf("join with another bridge point's secret: %v, want 401", err)
	}
	if n := len(r.conf.Snapshot().Participants); n != 1 {
		t.Errorf("a refused join left %d participants, want 1", n)
	}
}
