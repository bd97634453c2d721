package meeting

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestWorkflowAndDeadlines(t *testing.T) {
	ctx := context.Background()
	// Filed Wednesday 11/2 16:00 for Monday 23/2 09:00–11:00 (Tết 16–20/2 in between).
	d, clk := bookingDesk(t, vn(2026, 2, 11, 16, 0))
	id, _, err := d.Register(ctx, form("2026-02-23 09:00", "2026-02-23 11:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := d.Status(ctx, id)
	if s.State != StepRegistered || s.Next.Step != StepConfirmed {
		t.Fatalf("new booking: %s, next %+v", s.State, s.Next)
	}
	want := map[Step]time.Time{
		StepConfirmed:           vn(2026, 2, 12, 16, 0), // 1 working day after filing
		StepPowerNotified:       vn(2026, 2, 13, 16, 0), // 1 working day after the (expected) confirmation
		StepTestDone:            endOf(2026, 2, 13),     // the working day before 23/2 is Friday 13/2
		StepFinalCheckDone:      vn(2026, 2, 23, 8, 30),
		StepLive:                vn(2026, 2, 23, 9, 0),
		StepClosed:              vn(2026, 2, 23, 11, 0),
		StepRecordingsDelivered: vn(2026, 2, 25, 11, 0), // 2 working days after the planned end
	}
	for _, dl := range s.Deadlines {
		if w, ok := want[dl.Step]; ok {
			sameInstant(t, string(dl.Step), dl.Due, w)
		} else if dl.Step == StepLogSubmitted && !dl.Due.IsZero() {
			t.Errorf("log has a deadline %v", dl.Due)
		}
	}

	// Out of order: the test session before the power company is told.
	clk.t = vn(2026, 2, 12, 10, 0)
	var se *StepError
	if err := d.Advance(ctx, id, StepTestDone, "an", ""); !errors.As(err, &se) || se.Want != StepPowerNotified {
		t.Fatalf("test before power: %v", err)
	}
	if err := d.Advance(ctx, id, StepConfirmed, "so.khcn", "công văn 45/SKHCN"); err != nil {
		t.Fatal(err)
	}
	if err := d.Advance(ctx, id, StepConfirmed, "so.khcn", ""); !errors.As(err, &se) || se.Reason != "alreadyDone" {
		t.Fatalf("confirm twice: %v", err)
	}
	// Confirmed 12/2 10:00, so the power company was due 13/2 10:00; at 11:00 it is overdue.
	clk.t = vn(2026, 2, 13, 11, 0)
	s, _ = d.Status(ctx, id)
	sameInstant(t, "power due from the real confirmation", s.Next.Due, vn(2026, 2, 13, 10, 0))
	if s.State != StepConfirmed || s.Next.Step != StepPowerNotified || !s.Overdue {
		t.Fatalf("status = %s next %+v overdue %v", s.State, s.Next, s.Overdue)
	}
	due, _ := d.Due(ctx)
	if len(due) != 2 || due[0].Deadline.Step != StepPowerNotified || !due[0].Overdue ||
		due[1].Deadline.Step != StepTestDone || due[1].Overdue {
		t.Fatalf("due = %+v", due)
	}
	var buf bytes.Buffer
	if err := WriteDue(&buf, due, map[string]string{"SO-KHCN": "Sở KH&CN"}, "en", true); err != nil {
		t.Fatal(err)
	}
	if !hasLine(buf.String(), ansiRed, "notify power company", "OVERDUE") || !hasLine(buf.String(), ansiYellow, "test session", "today") {
		t.Fatalf("due list:\n%q", buf.String())
	}
	for _, st := range []Step{StepPowerNotified, StepTestDone} {
		if err := d.Advance(ctx, id, st, "an", ""); err != nil {
			t.Fatal(err)
		}
	}
	clk.t = vn(2026, 2, 23, 8, 35)
	for _, st := range []Step{StepFinalCheckDone, StepLive} {
		if err := d.Advance(ctx, id, st, "binh", ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Advance(ctx, id, StepCancelled, "binh", ""); !errors.As(err, &se) {
		t.Fatalf("cancel a live meeting: %v", err)
	}
	if err := d.Advance(ctx, id, StepRecordingsDelivered, "binh", ""); !errors.As(err, &se) || se.Want != StepClosed {
		t.Fatalf("recordings before close: %v", err)
	}
	clk.t = vn(2026, 2, 23, 11, 20)
	if err := d.Advance(ctx, id, StepClosed, "binh", ""); err != nil {
		t.Fatal(err)
	}
	s, _ = d.Status(ctx, id)
	sameInstant(t, "recordings due from the real close", s.Next.Due, vn(2026, 2, 25, 11, 20))
	if s.State != StepClosed || s.Next.Step != StepRecordingsDelivered {
		t.Fatalf("closed: %s next %+v", s.State, s.Next)
	}
	clk.t = vn(2026, 2, 24, 9, 0)
	for _, st := range []Step{StepRecordingsDelivered, StepLogSubmitted} {
		if err := d.Advance(ctx, id, st, "binh", ""); err != nil {
			t.Fatal(err)
		}
	}
	s, _ = d.Status(ctx, id)
	if s.State != StepCompleted || s.Next != nil {
		t.Fatalf("completed: %s next %+v", s.State, s.Next)
	}
	// Every step is audited with who did it.
	log, _ := d.Store.AuditLog(ctx, 0)
	actions := map[string]string{}
	for _, e := range log {
		actions[e.Action] = e.Actor
	}
	if actions["booking_confirmed"] != "so.khcn" || actions["booking_closed"] != "binh" || actions["booking_add"] != "an" {
		t.Fatalf("audit = %v", actions)
	}
	if err := d.Advance(ctx, id, StepConfirmed, "", ""); err == nil {
		t.Fatal("step without an actor accepted")
	}
}

func TestEditAfterConfirmation(t *testing.T) {
	ctx := context.Background()
	d, clk := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	f := form("2026-03-20 08:00", "2026-03-20 10:00")
	id, _, err := d.Register(ctx, f, Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Advance(ctx, id, StepConfirmed, "so", ""); err != nil {
		t.Fatal(err)
	}
	// Only the content changes: the confirmation stands.
	clk.t = vn(2026, 3, 3, 9, 0)
	f.Content = "Chuyển đổi số cấp xã (bổ sung)"
	res, err := d.Edit(ctx, id, f, Filing{Actor: "an"})
	if err != nil || res.Reset {
		t.Fatalf("content edit: %+v %v", res, err)
	}
	if s, _ := d.Status(ctx, id); s.State != StepConfirmed || s.Booking.Content != f.Content {
		t.Fatalf("after content edit: %s %q", s.State, s.Booking.Content)
	}
	// A new bridge point: back to registered, re-filed now.
	f.BridgePoints = append(f.BridgePoints, FormPoint{ID: "XA-DAKDOA", Attendees: 3})
	res, err = d.Edit(ctx, id, f, Filing{Actor: "an"})
	if err != nil || !res.Reset {
		t.Fatalf("bridge point edit: %+v %v", res, err)
	}
	s, _ := d.Status(ctx, id)
	if s.State != StepRegistered || len(s.Booking.Points) != 3 || !s.Booking.FiledAt.Equal(clk.t) {
		t.Fatalf("after reset: %s %d points filed %v", s.State, len(s.Booking.Points), s.Booking.FiledAt)
	}
	log, _ := d.Store.AuditLog(ctx, 0)
	last := log[len(log)-1]
	if last.Action != "booking_edit" || !strings.Contains(last.Detail, "back to registered") {
		t.Fatalf("edit audit = %+v", last)
	}
	// Moving the meeting to 2 working days ahead breaks Article 8.1.
	f.Start, f.End = "2026-03-05 08:00", "2026-03-05 10:00"
	if _, err := d.Edit(ctx, id, f, Filing{Actor: "an"}); fields(t, err)[0] != "start" {
		t.Fatalf("late move: %v", err)
	}
	if s2, _ := d.Status(ctx, id); !s2.Booking.StartsAt.Equal(s.Booking.StartsAt) {
		t.Fatal("a refused edit changed the booking")
	}
	// A cancelled booking cannot be edited.
	if err := d.Advance(ctx, id, StepCancelled, "an", ""); err != nil {
		t.Fatal(err)
	}
	var se *StepError
	if _, err := d.Edit(ctx, id, form("2026-03-20 08:00", "2026-03-20 10:00"), Filing{Actor: "an"}); !errors.As(err, &se) {
		t.Fatalf("edit of a cancelled booking: %v", err)
	}
}

func TestBookingListColours(t *testing.T) {
	ctx := context.Background()
	d, clk := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	_, _, _ = d.Register(ctx, form("2026-03-20 08:00", "2026-03-20 10:00"), Filing{Actor: "an"})
	clk.t = vn(2026, 3, 3, 8, 0)
	if _, _, err := d.Register(ctx, form("2026-03-25 08:00", "2026-03-25 10:00"), Filing{Actor: "an"}); err != nil {
		t.Fatal(err)
	}
	clk.t = vn(2026, 3, 3, 10, 0) // the first booking's confirmation was due 3/3 09:00
	list, err := d.List(ctx)
	if err != nil || len(list) != 2 || !list[0].Overdue || list[1].Overdue || list[1].DueToday {
		t.Fatalf("list = %+v, %v", list, err)
	}
	units, _ := d.UnitNames(ctx)
	var plain, coloured bytes.Buffer
	_ = WriteBookingList(&plain, list, units, "vi", false)
	_ = WriteBookingList(&coloured, list, units, "vi", true)
	if strings.Contains(plain.String(), "\x1b[") {
		t.Fatalf("colours without a terminal:\n%s", plain.String())
	}
	if !hasLine(coloured.String(), ansiRed, "#1", "QUÁ HẠN", "Sở Khoa học và Công nghệ") || hasLine(coloured.String(), ansiRed, "#2") {
		t.Fatalf("coloured list:\n%s", coloured.String())
	}
}
