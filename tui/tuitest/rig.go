// Package tuitest is the console's test rig: a real SQLite store in a temporary folder, a
// loopback MCU and one open conference, with the checks the console's tests and those of the
// front ends that serve it (package sshd) share. Only tests import it.
package tuitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/store"
)

// Actor is the technician identity the tests act as.
const Actor = "console:test"

// Title is the rig's meeting title.
const Title = "Họp giao ban trực tuyến tháng 11"

// openAllCredentials knows every bridge point and accepts no secret: enough for the consoles.
type openAllCredentials struct{}

func (openAllCredentials) VerifyJoin(context.Context, string, string) (bool, bool, error) {
	return true, false, nil
}

// Rig is a real SQLite store, a real MCU and one open conference.
type Rig struct {
	Store   *store.Store
	MCU     *mcu.MCU
	Conf    *mcu.Conference
	Meeting int64
	Members []mcu.Member
}

// New opens a store in t.TempDir() with a main bridge point (UBND-TINH) and subs far ends
// (XA-001…), creates a meeting and opens its conference on a loopback MCU.
func New(t testing.TB, subs int) *Rig {
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
	meetingID, err := st.CreateMeeting(ctx, store.Meeting{
		Title: Title, HostUnit: "UBND-TINH", Chair: "Chủ tịch UBND tỉnh", MainBP: "UBND-TINH",
	}, ids)
	if err != nil {
		t.Fatalf("CreateMeeting: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	m, err := mcu.New(mcu.Config{Loopback: true, RecordingsDir: filepath.Join(t.TempDir(), "recordings")}, st, openAllCredentials{}, log)
	if err != nil {
		t.Fatalf("mcu.New: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	conf, err := m.Open(ctx, mcu.ConferenceSpec{
		ID: fmt.Sprint(meetingID), MeetingID: meetingID, Title: Title,
		Host: "UBND tỉnh Gia Lai", Chair: "Chủ tịch UBND tỉnh", Members: members,
	})
	if err != nil {
		t.Fatalf("Open conference: %v", err)
	}
	return &Rig{Store: st, MCU: m, Conf: conf, Meeting: meetingID, Members: members}
}

// Participant returns the snapshot of member id.
func (r *Rig) Participant(t testing.TB, id string) mcu.Participant {
	t.Helper()
	for _, p := range r.Conf.Snapshot().Participants {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no participant %s", id)
	return mcu.Participant{}
}

// Actions lists the audit actions of actor in the rig's meeting, oldest first.
func (r *Rig) Actions(t testing.TB, actor string) []string {
	t.Helper()
	var out []string
	for _, row := range r.audit(t) {
		if row.Actor == actor {
			out = append(out, row.Action)
		}
	}
	return out
}

// AuditCount is how many audit rows the meeting has.
func (r *Rig) AuditCount(t testing.TB) int {
	t.Helper()
	return len(r.audit(t))
}

// audit reads the meeting's audit log.
func (r *Rig) audit(t testing.TB) []store.AuditEntry {
	t.Helper()
	rows, err := r.Store.AuditLog(context.Background(), r.Meeting)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// Unchanged fails when any bridge point's mute or floor, the queue or the audit log changed.
func (r *Rig) Unchanged(t testing.TB, what string, before mcu.Snapshot, audit int) {
	t.Helper()
	after := r.Conf.Snapshot()
	for i, p := range after.Participants {
		if q := before.Participants[i]; p.Mute != q.Mute || p.Floor != q.Floor {
			t.Errorf("%s changed %s: mute %q→%q floor %v→%v", what, p.ID, q.Mute, p.Mute, q.Floor, p.Floor)
		}
	}
	if len(after.Requests) != len(before.Requests) {
		t.Errorf("%s changed the queue: %+v", what, after.Requests)
	}
	if n := r.AuditCount(t); n != audit {
		t.Errorf("%s wrote %d audit rows", what, n-audit)
	}
}

// WardMeeting registers two wards (PHUONG-1, the main one of their meeting, and PHUONG-2) and
// opens their ad hoc meeting beside the rig's, through a live manager such as a console uses.
func (r *Rig) WardMeeting(t testing.TB) (*live.Manager, *mcu.Conference) {
	t.Helper()
	ctx := context.Background()
	if err := r.Store.ImportRegistry(ctx, []store.Unit{
		{ID: "PHUONG-1", Name: "Phường Hội Phú", Kind: "ward"}, {ID: "PHUONG-2", Name: "Phường Diên Hồng", Kind: "ward"},
	}, []store.BridgePoint{
		{ID: "PHUONG-1", Name: "Phường Hội Phú", UnitID: "PHUONG-1", Role: "sub"},
		{ID: "PHUONG-2", Name: "Phường Diên Hồng", UnitID: "PHUONG-2", Role: "sub"},
	}); err != nil {
		t.Fatal(err)
	}
	lv := live.New(live.Config{Store: r.Store, MCU: r.MCU, Lang: "vi"})
	t.Cleanup(lv.Stop)
	conf, err := lv.OpenAdhoc(ctx, live.Adhoc{Title: "Họp các phường", Main: "PHUONG-1", Sites: []string{"PHUONG-2"}}, Actor)
	if err != nil {
		t.Fatal(err)
	}
	return lv, conf
}

// Eventually polls cond until it holds or 5 s pass.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// SyncBuffer is a bytes.Buffer safe for a server's or console's log writes and the test's reads.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is everything written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
