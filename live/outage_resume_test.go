package live

import (
	"context"
	"testing"
	"time"
)

func TestResumeCountsDowntimeOncePerBridgePoint(t *testing.T) {
	ctx := context.Background()
	t0 := time.Now().Add(-time.Minute).Truncate(time.Millisecond)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	st, id := floorStore(t, t0)
	for _, bp := range []string{"XA-IAGRAI", "XA-DAKDOA"} {
		sid, err := st.RecordJoin(ctx, id, at(1), bp)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.RecordLeave(ctx, sid, at(10), "closed"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.RecordAction(ctx, id, at(9), "console:an", string(ActionServerStop), "",
		StopDetail{Connected: []string{"XA-IAGRAI", "XA-DAKDOA"}}.String()); err != nil {
		t.Fatal(err)
	}

	rs, err := LoadResume(ctx, st, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs.Down) != 2 || !rs.StopAt.Equal(at(9)) || !rs.Down[0].Since.Equal(at(9)) {
		t.Fatalf("down = %+v, stop %v", rs.Down, rs.StopAt)
	}
	tr := NewOutageTracker(st, "vi", nil)
	if err := tr.Resume(ctx, id, rs.Down); err != nil {
		t.Fatal(err)
	}
	// Not back yet, then back (its link alive): one outage each, closed with its duration.
	back := at(20)
	for _, o := range []Observation{{BridgePoint: "XA-IAGRAI"}, {BridgePoint: "XA-DAKDOA"}} {
		if err := tr.Observe(ctx, id, o, at(15)); err != nil {
			t.Fatal(err)
		}
		o.Connected, o.LinkAt, o.AudioIn = true, back, 50
		if err := tr.Observe(ctx, id, o, back); err != nil {
			t.Fatal(err)
		}
	}
	outages, err := st.Outages(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(outages) != 2 {
		t.Fatalf("outages = %+v", outages)
	}
	for _, o := range outages {
		if !o.StartedAt.Equal(at(9)) || !o.EndedAt.Equal(back) || o.IncidentID == 0 {
			t.Fatalf("outage %+v", o)
		}
	}
	incs := incidentsOf(t, st, id)
	if len(incs) != 2 {
		t.Fatalf("incidents = %+v", incs)
	}
	for _, in := range incs {
		if in.Status != "draft" || !in.StartedAt.Equal(at(9)) || !in.EndedAt.Equal(back) {
			t.Fatalf("incident %+v", in)
		}
	}
	// A second resume, after this one, finds no stop to count.
	if _, err := st.RecordAction(ctx, id, at(21), "console:an", string(ActionResume), "", ""); err != nil {
		t.Fatal(err)
	}
	if rs, err = LoadResume(ctx, st, id); err != nil || len(rs.Down) != 0 {
		t.Fatalf("after a resume: down %+v, err %v", rs.Down, err)
	}
}
