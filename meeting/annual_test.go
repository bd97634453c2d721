package meeting

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"diemcau/store"
)

// advanceAll records the steps in order at the desk's clock.
func advanceAll(t *testing.T, d *Desk, id int64, steps ...Step) {
	t.Helper()
	for _, s := range steps {
		if err := d.Advance(context.Background(), id, s, "tester", ""); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

var toClosed = []Step{StepConfirmed, StepPowerNotified, StepTestDone, StepFinalCheckDone, StepLive, StepClosed}

func TestAnnualStatistics(t *testing.T) {
	ctx := context.Background()
	d, clk := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	st := d.Store
	// M1: kind a, 2.5 h, one 10-minute outage (its incident is not counted twice).
	m1, err := st.CreateMeeting(ctx, store.Meeting{Title: "Giao ban", HostUnit: "UBND-TINH", Kind: "a", MainBP: "UBND-TINH",
		StartedAt: vn(2026, 3, 10, 8, 0)}, []string{"XA-IAGRAI", "XA-DAKDOA"})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := st.OpenOutage(ctx, store.Outage{MeetingID: m1, BridgePoint: "XA-IAGRAI", Cause: "disconnected", StartedAt: vn(2026, 3, 10, 8, 30)})
	_ = st.EndOutage(ctx, o, vn(2026, 3, 10, 8, 40))
	mustIncident(t, st, store.Incident{MeetingID: m1, BridgePoint: "XA-IAGRAI", Kind: "line", Status: "resolved",
		StartedAt: vn(2026, 3, 10, 8, 30), EndedAt: vn(2026, 3, 10, 8, 45)})
	mustIncident(t, st, store.Incident{MeetingID: m1, Kind: "audio", Status: "open", StartedAt: vn(2026, 3, 10, 9, 0)})
	mustIncident(t, st, store.Incident{MeetingID: m1, Kind: "power", Status: "draft"})
	_ = st.EndMeeting(ctx, m1, vn(2026, 3, 10, 10, 30))
	// M2: no kind of its own, booked as b; a 5-minute video incident and no outages.
	m2, _ := st.CreateMeeting(ctx, store.Meeting{Title: "Sở KH&CN", HostUnit: "SO-KHCN", MainBP: "SO-KHCN",
		StartedAt: vn(2026, 7, 1, 14, 0)}, []string{"PHUONG-PLEIKU"})
	mustIncident(t, st, store.Incident{MeetingID: m2, Kind: "video", Status: "resolved",
		StartedAt: vn(2026, 7, 1, 14, 10), EndedAt: vn(2026, 7, 1, 14, 15)})
	_ = st.EndMeeting(ctx, m2, vn(2026, 7, 1, 15, 0))
	// Last year's meeting does not count.
	old, _ := st.CreateMeeting(ctx, store.Meeting{Title: "Cũ", HostUnit: "SO-NV", StartedAt: vn(2025, 12, 31, 10, 0)}, nil)
	_ = st.EndMeeting(ctx, old, vn(2025, 12, 31, 11, 0))

	b1, _, err := d.Register(ctx, form("2026-03-20 08:00", "2026-03-20 10:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	b2, _, err := d.Register(ctx, form("2026-07-01 14:00", "2026-07-01 15:00", "PHUONG-PLEIKU"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.Register(ctx, form("2026-08-03 14:00", "2026-08-03 15:00"), Filing{Actor: "an"}); err != nil {
		t.Fatal(err) // registered only: not held
	}
	_ = st.LinkBookingMeeting(ctx, b2, m2)
	clk.t = vn(2026, 3, 20, 10, 0)
	advanceAll(t, d, b1, toClosed...)
	clk.t = vn(2026, 3, 23, 9, 0) // due Tuesday 24/3 10:00: on time
	advanceAll(t, d, b1, StepRecordingsDelivered)
	clk.t = vn(2026, 7, 1, 15, 0)
	advanceAll(t, d, b2, toClosed...)
	clk.t = vn(2026, 7, 7, 9, 0) // due Friday 3/7 15:00: late
	advanceAll(t, d, b2, StepRecordingsDelivered)
	for _, tech := range []store.Technician{{Name: "A", UnitID: "SO-KHCN", Trained: true}, {Name: "B", UnitID: "SO-KHCN", Trained: true},
		{Name: "C", UnitID: "XA-IAGRAI", Trained: true}, {Name: "D", UnitID: "XA-IAGRAI"}} {
		if _, err := st.AddTechnician(ctx, tech); err != nil {
			t.Fatal(err)
		}
	}

	a, err := LoadAnnual(ctx, st, DefaultCalendar(), 2026, vn(2026, 12, 1, 9, 0))
	if err != nil {
		t.Fatal(err)
	}
	if a.Meetings != 3 || a.Hours != 5.5 || a.ByMonth[2] != 2 || a.ByMonth[6] != 1 || a.ByKind["a"] != 1 || a.ByKind["b"] != 2 {
		t.Fatalf("counts: %d meetings, %.2f h, months %v, kinds %v", a.Meetings, a.Hours, a.ByMonth, a.ByKind)
	}
	if a.BridgePoints != 5 || a.PointUses != 8 {
		t.Fatalf("bridge points %d, uses %d", a.BridgePoints, a.PointUses)
	}
	if a.Incidents["line"] != 1 || a.Incidents["audio"] != 1 || a.Incidents["video"] != 1 || a.Incidents["power"] != 0 {
		t.Fatalf("incidents %v", a.Incidents)
	}
	if a.Interruption != 15*time.Minute || !a.FromOutages || !a.FromIncidents {
		t.Fatalf("interruption %v (outages %v, incidents %v)", a.Interruption, a.FromOutages, a.FromIncidents)
	}
	if a.Recordings != (RecordingTally{Due: 2, OnTime: 1, Late: 1}) {
		t.Fatalf("recordings %+v", a.Recordings)
	}
	if len(a.ByUnit) != 2 || a.ByUnit[0].UnitID != "SO-KHCN" || a.ByUnit[0].Meetings != 2 {
		t.Fatalf("by unit %+v", a.ByUnit)
	}
	gapIDs := map[string]int{}
	for _, g := range a.Gaps {
		gapIDs[g.UnitID] = g.Trained
	}
	if _, ok := gapIDs["SO-KHCN"]; ok || gapIDs["XA-IAGRAI"] != 1 || len(a.Gaps) != 6 {
		t.Fatalf("gaps %+v", a.Gaps)
	}
	sameInstant(t, "annual due", a.Due, endOf(2026, 12, 29))

	var md, htm, cs bytes.Buffer
	_ = WriteAnnual(&md, a, "md", "vi")
	_ = WriteAnnual(&htm, a, "html", "vi")
	_ = WriteAnnual(&cs, a, "csv", "en")
	for _, want := range []string{"Phụ lục III", "NĂM 2026", "| Số cuộc họp | 3 |", "| Tổng thời gian họp (giờ) | 5.5 |",
		"| 3/2026 | 2 |", "| 7/2026 | 1 |", "| đường truyền | 1 |", "| Thời gian gián đoạn (phút) (theo ghi nhận gián đoạn đường truyền; theo thời gian sự cố) | 15.0 |",
		"| Đúng hạn | 1 |", "| Trễ hạn | 1 |", "| Xã Ia Grai (XA-IAGRAI) | 1 |", "Sở Khoa học và Công nghệ (SO-KHCN) | 2 | 3.0"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if !strings.Contains(htm.String(), "<td>Đúng hạn</td><td>1</td>") {
		t.Errorf("HTML:\n%s", htm.String())
	}
	if !strings.Contains(cs.String(), "By meeting kind (Article 5.2),b) Provincial agencies and units with the commune and ward People's Committees,2") ||
		!strings.HasPrefix(cs.String(), "section,item,value,extra\n") {
		t.Errorf("CSV:\n%s", cs.String())
	}
	var csVI bytes.Buffer
	_ = WriteAnnual(&csVI, a, "csv", "vi")
	if !strings.HasPrefix(csVI.String(), "bảng,mục,giá trị,thêm\n") {
		t.Errorf("Vietnamese CSV header:\n%s", csVI.String())
	}
}

func mustIncident(t *testing.T, st *store.Store, in store.Incident) {
	t.Helper()
	if _, err := st.SaveIncident(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}
