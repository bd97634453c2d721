package sshd

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/store"
	"diemcau/tui"
)

// testActor is the technician identity the local side of the tests acts as.
const testActor = "console:test"

// openAllCredentials knows every bridge point and accepts no secret: enough for the consoles.
type openAllCredentials struct{}

func (openAllCredentials) VerifyJoin(context.Context, string, string) (bool, bool, error) {
	return true, false, nil
}

// fixture is a real SQLite store, a real MCU and one open conference that the SSH sessions show.
type fixture struct {
	st      *store.Store
	mcu     *mcu.MCU
	conf    *mcu.Conference
	meeting int64
}

// newFixture opens a store in t.TempDir() with a main bridge point and subs far ends, creates a
// meeting and opens its conference on a loopback MCU.
func newFixture(t *testing.T, subs int) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "diemcau.db"))
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	units := []store.Unit{{ID: "UBND-TINH", Name: "Ủy ban nhân dân tỉnh Gia Lai", Kind: "province"}}
	bps := []store.BridgePoint{{ID: "UBND-TINH", Name: "Phòng họp UBND tỉnh", UnitID: "UBND-TINH", Role: "main"}}
	members := []mcu.Member{{ID: "UBND-TINH", Name: "Phòng họp UBND tỉnh", Main: true}}
	names := []string{"Xã Ia Grai", "Xã Đak Đoa", "Xã Chư Păh", "Phường Pleiku"}
	var ids []string
	for i := range subs {
		id, name := fmt.Sprintf("XA-%03d", i+1), fmt.Sprintf("Xã số %d", i+1)
		if i < len(names) {
			name = names[i]
		}
		units = append(units, store.Unit{ID: id, Name: name, Kind: "commune"})
		bps = append(bps, store.BridgePoint{ID: id, Name: name, UnitID: id, Role: "sub"})
		members = append(members, mcu.Member{ID: id, Name: name})
		ids = append(ids, id)
	}
	if err := st.ImportRegistry(ctx, units, bps); err != nil {
		t.Fatalf("ImportRegistry: %v", err)
	}
	title := "Họp giao ban trực tuyến tháng 11"
	meetingID, err := st.CreateMeeting(ctx, store.Meeting{Title: title, HostUnit: "UBND-TINH",
		Chair: "Chủ tịch UBND tỉnh", MainBP: "UBND-TINH"}, ids)
	if err != nil {
		t.Fatalf("CreateMeeting: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := mcu.New(mcu.Config{Loopback: true, RecordingsDir: filepath.Join(t.TempDir(), "recordings")}, st, openAllCredentials{}, log)
	if err != nil {
		t.Fatalf("mcu.New: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	conf, err := m.Open(ctx, mcu.ConferenceSpec{ID: fmt.Sprint(meetingID), MeetingID: meetingID, Title: title,
		Host: "UBND tỉnh Gia Lai", Chair: "Chủ tịch UBND tỉnh", Members: members})
	if err != nil {
		t.Fatalf("Open conference: %v", err)
	}
	return &fixture{st: st, mcu: m, conf: conf, meeting: meetingID}
}

// options returns the console options every session starts from, in lang.
func (f *fixture) options(lang string) tui.Options {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	return tui.Options{MCU: f.mcu, Conference: f.conf.ID(), Store: f.st, Lang: lang, Actor: testActor, Renderer: r}
}

// participant returns the snapshot of member id.
func (f *fixture) participant(t *testing.T, id string) mcu.Participant {
	t.Helper()
	for _, p := range f.conf.Snapshot().Participants {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no participant %s", id)
	return mcu.Participant{}
}

// actions lists the audit actions of actor in the fixture's meeting, oldest first.
func (f *fixture) actions(t *testing.T, actor string) []string {
	t.Helper()
	rows, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range rows {
		if r.Actor == actor {
			out = append(out, r.Action)
		}
	}
	return out
}

// auditCount is the number of audit rows of the fixture's meeting.
func (f *fixture) auditCount(t *testing.T) int {
	t.Helper()
	rows, err := f.st.AuditLog(context.Background(), f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	return len(rows)
}

// unchanged fails when any bridge point's mute or floor, the queue or the audit log changed.
func (f *fixture) unchanged(t *testing.T, what string, before mcu.Snapshot, audit int) {
	t.Helper()
	after := f.conf.Snapshot()
	for i, p := range after.Participants {
		if q := before.Participants[i]; p.Mute != q.Mute || p.Floor != q.Floor {
			t.Errorf("%s changed %s: mute %q→%q floor %v→%v", what, p.ID, q.Mute, p.Mute, q.Floor, p.Floor)
		}
	}
	if len(after.Requests) != len(before.Requests) {
		t.Errorf("%s changed the queue: %+v", what, after.Requests)
	}
	if n := f.auditCount(t); n != audit {
		t.Errorf("%s wrote %d audit rows", what, n-audit)
	}
}

// wardMeeting registers two wards (PHUONG-1, the main one of their meeting, and PHUONG-2) and
// opens their ad hoc meeting beside the fixture's, through a live manager.
func wardMeeting(t *testing.T, f *fixture) *live.Manager {
	t.Helper()
	ctx := context.Background()
	if err := f.st.ImportRegistry(ctx, []store.Unit{
		{ID: "PHUONG-1", Name: "Phường Hội Phú", Kind: "ward"}, {ID: "PHUONG-2", Name: "Phường Diên Hồng", Kind: "ward"},
	}, []store.BridgePoint{
		{ID: "PHUONG-1", Name: "Phường Hội Phú", UnitID: "PHUONG-1", Role: "sub"},
		{ID: "PHUONG-2", Name: "Phường Diên Hồng", UnitID: "PHUONG-2", Role: "sub"},
	}); err != nil {
		t.Fatal(err)
	}
	lv := live.New(live.Config{Store: f.st, MCU: f.mcu, Lang: "vi"})
	t.Cleanup(lv.Stop)
	if _, err := lv.OpenAdhoc(ctx, live.Adhoc{Title: "Họp các phường", Main: "PHUONG-1", Sites: []string{"PHUONG-2"}}, testActor); err != nil {
		t.Fatal(err)
	}
	return lv
}

// eventually polls cond until it holds or 5 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// plain strips ANSI from a screen.
func plain(s string) string { return ansi.Strip(s) }
