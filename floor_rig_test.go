package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/endpoints"
	"diemcau/live"
	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

// floorRig is a real store, registry, MCU, HTTP server and outage tracker on loopback, with one
// open conference of the main bridge point and n communes.
type floorRig struct {
	st     *store.Store
	mcu    *mcu.MCU
	conf   *mcu.Conference
	url    string
	tokens map[string]string
	clips  *softep.Clips
	dbPath string
}

// newFloorRig builds the rig; startMuted makes far ends join muted.
func newFloorRig(t *testing.T, communes int, startMuted bool) *floorRig {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	path := filepath.Join(t.TempDir(), "floor.db")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	reg := endpoints.NewRegistry(st)
	csv := "id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\n" +
		"UBND-TINH,Phòng họp UBND tỉnh,UBND-TINH,Văn phòng UBND tỉnh,province,main,Phòng họp,Pleiku,\n"
	for i := range communes {
		csv += fmt.Sprintf("XA-%03d,Xã số %d,XA-%03d,UBND xã số %d,commune,sub,Phòng họp,Gia Lai,\n", i+1, i+1, i+1, i+1)
	}
	if _, err := reg.Import(ctx, strings.NewReader(csv), "vi"); err != nil {
		t.Fatal(err)
	}
	bps, err := reg.BridgePoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := &floorRig{st: st, tokens: map[string]string{}, dbPath: path}
	spec := mcu.ConferenceSpec{ID: "1", Title: "Họp giao ban", Host: "Văn phòng UBND tỉnh", StartMuted: startMuted}
	var ids []string
	for _, bp := range bps {
		if r.tokens[bp.ID], err = reg.Rotate(ctx, bp.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, bp.ID)
		spec.Members = append(spec.Members, mcu.Member{ID: bp.ID, Name: bp.Name, Main: bp.Role == "main"})
	}
	if spec.MeetingID, err = st.CreateMeeting(ctx, store.Meeting{Title: spec.Title, HostUnit: "UBND-TINH",
		MainBP: "UBND-TINH", StartedAt: time.Now()}, ids); err != nil {
		t.Fatal(err)
	}
	if r.mcu, err = mcu.New(mcu.Config{Loopback: true, Log: log}, st, reg, log); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.mcu.Close() })
	if r.conf, err = r.mcu.Open(ctx, spec); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(r.mcu.Handler())
	t.Cleanup(srv.Close)
	r.url = srv.URL
	dir, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	if r.clips, err = softep.LoadClips(dir); err != nil {
		t.Fatal(err)
	}
	return r
}

// track starts the outage tracker on the conference, as the console's wiring does.
func (r *floorRig) track(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		live.NewOutageTracker(r.st, "vi", nil).Run(ctx, live.NewFloorFeed(r.conf).Observations)
		close(done)
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// endpoint returns a soft endpoint of id, talking, not yet joined.
func (r *floorRig) endpoint(id string) *softep.Endpoint {
	ep := softep.New(softep.Config{
		URL: r.url, ID: id, Token: r.tokens[id], Clips: r.clips, Receive: true,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	ep.SetTalking(true)
	return ep
}

// join connects a soft endpoint and leaves it at the end of the test.
func (r *floorRig) join(t *testing.T, id string) *softep.Endpoint {
	t.Helper()
	ep := r.endpoint(id)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
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

// participant is bridge point id in the conference's snapshot.
func (r *floorRig) participant(t *testing.T, id string) mcu.Participant {
	t.Helper()
	for _, p := range r.conf.Snapshot().Participants {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no participant %s", id)
	return mcu.Participant{}
}
