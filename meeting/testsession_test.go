package meeting

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"diemcau/store"
)

// failedItems lists the items that did not pass.
func failedItems(rs []ItemResult) []TestItem {
	var out []TestItem
	for _, r := range rs {
		if !r.Passed {
			out = append(out, r.Item)
		}
	}
	return out
}

// TestEvaluateMeasuredItems checks the measured items against figures the MCU reports: a
// soft endpoint on loopback sending the 720p clip and speech, then links that break one limit.
func TestEvaluateMeasuredItems(t *testing.T) {
	hd := Measurement{Connected: true, AudioLevel: 62, LossPct: 0, JitterMs: 2.4, RTTMs: 0.8,
		BitrateKbps: 1187, Width: 1280, Height: 720}
	with := func(f func(*Measurement)) Measurement { m := hd; f(&m); return m }
	tests := []struct {
		name   string
		m      Measurement
		failed []TestItem
	}{
		{"720p clip over loopback", hd, nil},
		{"1080p camera", with(func(m *Measurement) { m.Width, m.Height, m.BitrateKbps = 1920, 1080, 2480 }), nil},
		{"VGA camera at 600 kbps", with(func(m *Measurement) { m.Width, m.Height, m.BitrateKbps = 640, 480, 600 }),
			[]TestItem{ItemVideo, ItemBitrate}},
		{"no video yet", with(func(m *Measurement) { m.Width, m.Height = 0, 0 }), []TestItem{ItemVideo}},
		{"dead microphone", with(func(m *Measurement) { m.AudioLevel = 0 }), []TestItem{ItemAudio}},
		{"3.2 % loss (fair grade)", with(func(m *Measurement) { m.LossPct = 3.2 }), []TestItem{ItemLoss}},
		{"1 % loss is the limit", with(func(m *Measurement) { m.LossPct = 1 }), nil},
		{"45 ms jitter", with(func(m *Measurement) { m.JitterMs = 45 }), []TestItem{ItemJitter}},
		{"420 ms RTT over a satellite link", with(func(m *Measurement) { m.RTTMs = 420 }), []TestItem{ItemRTT}},
		{"RTT not measured yet", with(func(m *Measurement) { m.RTTMs = 0 }), []TestItem{ItemRTT}},
		{"absent", Measurement{}, MeasuredItems},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := DefaultTestThresholds.Evaluate(tc.m)
			if len(got) != len(MeasuredItems) {
				t.Fatalf("%d items, want %d", len(got), len(MeasuredItems))
			}
			if f := failedItems(got); !slices.Equal(f, tc.failed) {
				t.Errorf("failed %v, want %v (%+v)", f, tc.failed, got)
			}
		})
	}
	got := DefaultTestThresholds.Evaluate(hd)
	figures := map[TestItem]string{ItemAudio: "62/100", ItemVideo: "1280×720", ItemBitrate: "1187 kbps",
		ItemLoss: "0.0 %", ItemJitter: "2.4 ms", ItemRTT: "0.8 ms"}
	for _, r := range got {
		if want, ok := figures[r.Item]; ok && r.Figure != want {
			t.Errorf("%s figure %q, want %q", r.Item, r.Figure, want)
		}
	}
	if f := DefaultTestThresholds.Evaluate(with(func(m *Measurement) { m.RTTMs = 0 }))[6].Figure; f != "" {
		t.Errorf("unmeasured RTT has figure %q", f)
	}
}

// TestChecklistManualItems adds the technician's ticks after the measured items: the result
// passes only when every manual item is ticked too.
func TestChecklistManualItems(t *testing.T) {
	m := Measurement{Connected: true, AudioLevel: 40, JitterMs: 5, RTTMs: 12, BitrateKbps: 1300, Width: 1280, Height: 720}
	ticked := map[TestItem]bool{}
	for _, it := range ManualItems[:5] {
		ticked[it] = true
	}
	list := DefaultTestThresholds.Checklist(m, ticked)
	if len(list) != len(MeasuredItems)+len(ManualItems) || AllPassed(list) {
		t.Fatalf("technician not ticked, yet checklist %+v passes", list)
	}
	if f := failedItems(list); !slices.Equal(f, []TestItem{ItemTechnician}) {
		t.Fatalf("failed %v", f)
	}
	ticked[ItemTechnician] = true
	if list := DefaultTestThresholds.Checklist(m, ticked); !AllPassed(list) {
		t.Fatalf("all ticked and measured, yet failed: %v", failedItems(list))
	}
	if AllPassed(nil) {
		t.Fatal("an empty checklist passes")
	}
}

// TestMeterKeepsLoudestLevel keeps the loudest level between words for LevelWindow, lets a
// silent microphone show once the window has passed, and forgets the level when the bridge
// point drops.
func TestMeterKeepsLoudestLevel(t *testing.T) {
	tm := NewTestMeter()
	t0 := vn(2026, 3, 9, 8, 0)
	tm.Observe("XA-IAGRAI", Measurement{Connected: true, AudioLevel: 71, BitrateKbps: 900}, t0)
	tm.Observe("XA-IAGRAI", Measurement{Connected: true, AudioLevel: 3, BitrateKbps: 1200}, t0.Add(2*time.Second))
	if got := tm.Measurement("XA-IAGRAI"); got.AudioLevel != 71 || got.BitrateKbps != 1200 {
		t.Fatalf("after a pause: %+v", got)
	}
	tm.Observe("XA-IAGRAI", Measurement{Connected: true, AudioLevel: 0}, t0.Add(LevelWindow+time.Second))
	if got := tm.Measurement("XA-IAGRAI"); got.AudioLevel != 0 {
		t.Fatalf("silence after the window: %+v", got)
	}
	tm.Observe("XA-IAGRAI", Measurement{Connected: true, AudioLevel: 60}, t0.Add(20*time.Second))
	tm.Observe("XA-IAGRAI", Measurement{}, t0.Add(21*time.Second))
	tm.Observe("XA-IAGRAI", Measurement{Connected: true, AudioLevel: 0}, t0.Add(22*time.Second))
	if got := tm.Measurement("XA-IAGRAI"); got.AudioLevel != 0 {
		t.Fatalf("level survived a drop: %+v", got)
	}
	tm.Observe("XA-DAKDOA", Measurement{Connected: true, AudioLevel: 50}, t0)
	tm.Reset("XA-DAKDOA")
	if got := tm.Measurement("XA-DAKDOA"); got.Connected {
		t.Fatalf("reset kept %+v", got)
	}
}

// TestSaveTestResultFlagsUntilRetested saves a failed checklist, sees the bridge point flagged,
// then a passing re-test clears it; both results and their audit entries stay in SQLite.
func TestSaveTestResultFlagsUntilRetested(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 9, 8, 0))
	mid, err := d.Store.CreateMeeting(ctx, store.Meeting{Title: "Kiểm duyệt", HostUnit: "UBND-TINH",
		MainBP: "UBND-TINH", StartedAt: vn(2026, 3, 9, 8, 0)}, []string{"UBND-TINH", "XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	good := Measurement{Connected: true, AudioLevel: 55, JitterMs: 3, RTTMs: 9, BitrateKbps: 1250, Width: 1280, Height: 720}
	all := map[TestItem]bool{}
	for _, it := range ManualItems {
		all[it] = true
	}
	bad := good
	bad.AudioLevel = 0
	if _, err := SaveTestResult(ctx, d.Store, mid, "XA-IAGRAI", DefaultTestThresholds.Checklist(bad, all),
		"ssh:le.thi.binh", vn(2026, 3, 9, 8, 10)); err != nil {
		t.Fatal(err)
	}
	latest, err := d.Store.LatestTestResults(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	if f := FailedTestPoints(latest); !slices.Equal(f, []string{"XA-IAGRAI"}) {
		t.Fatalf("flagged %v", f)
	}
	if _, err := SaveTestResult(ctx, d.Store, mid, "XA-IAGRAI", DefaultTestThresholds.Checklist(good, all),
		"ssh:le.thi.binh", vn(2026, 3, 9, 8, 20)); err != nil {
		t.Fatal(err)
	}
	if latest, err = d.Store.LatestTestResults(ctx, mid); err != nil {
		t.Fatal(err)
	}
	if f := FailedTestPoints(latest); len(f) != 0 || !latest[0].TestedAt.Equal(vn(2026, 3, 9, 8, 20)) {
		t.Fatalf("after a passing re-test: flagged %v, latest %+v", f, latest)
	}
	log, err := d.Store.AuditLog(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, e := range log {
		if e.Action == "test_result" && e.Actor == "ssh:le.thi.binh" {
			details = append(details, e.Detail)
		}
	}
	if !slices.Equal(details, []string{"failed: audio", "passed"}) {
		t.Fatalf("audit %v", details)
	}
	if _, err := SaveTestResult(ctx, d.Store, mid, "XA-IAGRAI", nil, "ssh:le.thi.binh", time.Now()); err == nil {
		t.Fatal("saved an empty checklist")
	}
}

// TestCompleteTestSessionRecordsStep records "test session done" on the booking only once every
// one of its bridge points passed, and only after the power company was told.
func TestCompleteTestSessionRecordsStep(t *testing.T) {
	ctx := context.Background()
	d, clk := bookingDesk(t, vn(2026, 3, 2, 8, 0))
	id, _, err := d.Register(ctx, form("2026-03-10 08:00", "2026-03-10 11:00", "XA-IAGRAI"), Filing{Actor: "ssh:an"})
	if err != nil {
		t.Fatal(err)
	}
	mid, err := d.Store.CreateMeeting(ctx, store.Meeting{Title: "Kiểm duyệt", HostUnit: "SO-KHCN", MainBP: "SO-KHCN",
		StartedAt: vn(2026, 3, 9, 8, 0)}, []string{"SO-KHCN", "XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Link(ctx, id, mid, "ssh:an"); err != nil {
		t.Fatal(err)
	}
	all := map[TestItem]bool{}
	for _, it := range ManualItems {
		all[it] = true
	}
	good := DefaultTestThresholds.Checklist(Measurement{Connected: true, AudioLevel: 55, JitterMs: 3, RTTMs: 9,
		BitrateKbps: 1250, Width: 1280, Height: 720}, all)
	save := func(bp string) []store.TestResult {
		t.Helper()
		if _, err := SaveTestResult(ctx, d.Store, mid, bp, good, "ssh:an", clk.t); err != nil {
			t.Fatal(err)
		}
		latest, err := d.Store.LatestTestResults(ctx, mid)
		if err != nil {
			t.Fatal(err)
		}
		return latest
	}
	clk.t = vn(2026, 3, 9, 8, 30)
	if got, err := d.CompleteTestSession(ctx, save("SO-KHCN"), "ssh:an"); got != 0 || err != nil {
		t.Fatalf("recorded with XA-IAGRAI untested: %d, %v", got, err)
	}
	latest := save("XA-IAGRAI")
	var se *StepError
	if _, err := d.CompleteTestSession(ctx, latest, "ssh:an"); !errors.As(err, &se) || se.Want != StepPowerNotified {
		t.Fatalf("before the power company was told: %v", err)
	}
	for _, s := range []Step{StepConfirmed, StepPowerNotified} {
		if err := d.Advance(ctx, id, s, "ssh:an", ""); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := d.CompleteTestSession(ctx, latest, "ssh:an"); got != id || err != nil {
		t.Fatalf("all passed: %d, %v", got, err)
	}
	b, err := d.Store.Booking(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := b.Step(string(StepTestDone)); !ok || st.Actor != "ssh:an" || State(b) != StepTestDone {
		t.Fatalf("step %+v, state %s", st, State(b))
	}
	if got, err := d.CompleteTestSession(ctx, latest, "ssh:an"); got != 0 || err != nil {
		t.Fatalf("recorded twice: %d, %v", got, err)
	}
}
