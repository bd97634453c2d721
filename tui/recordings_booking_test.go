package tui

import (
	"context"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// TestProgramDeliveryCompletesTheBooking: the live meeting was opened from a booking that
// asked for recordings and is closed; marking its only recording delivered in the console
// records the booking's "recordings delivered" step with the technician, and says so.
func TestProgramDeliveryCompletesTheBooking(t *testing.T) {
	f := newFixture(t, 1)
	ctx := context.Background()
	now := time.Now()
	bid, err := f.st.AddBooking(ctx, store.Booking{Kind: "a", HostUnit: "UBND-TINH", RoomBP: "UBND-TINH",
		Content: "Giao ban", StartsAt: now.Add(-time.Hour), EndsAt: now, Recording: true,
		FiledAt: now.Add(-72 * time.Hour), FiledBy: "an"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.LinkBookingMeeting(ctx, bid, f.meeting); err != nil {
		t.Fatal(err)
	}
	after := ""
	for _, s := range []meeting.Step{meeting.StepConfirmed, meeting.StepPowerNotified, meeting.StepTestDone,
		meeting.StepFinalCheckDone, meeting.StepLive, meeting.StepClosed} {
		if err := f.st.RecordBookingStep(ctx, bid, after, store.BookingStep{Step: string(s), At: now, Actor: "an"},
			store.AuditEntry{At: now, Actor: "an", Action: "booking_" + string(s)}); err != nil {
			t.Fatal(err)
		}
		after = string(s)
	}
	if _, err := f.conf.StartRecording(ctx, testActor); err != nil {
		t.Fatal(err)
	}
	if _, err := f.conf.StopRecording(ctx, testActor); err != nil {
		t.Fatal(err)
	}
	tm := startProgram(t, f, "vi")
	waitOutput(t, tm, "Xã Ia Grai")
	tm.Type("R")
	waitOutput(t, tm, "Ghi hình các cuộc họp (Điều 12.2) — 1 bản ghi")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitOutput(t, tm, "(y/n)")
	tm.Type("y")
	waitOutput(t, tm, fmt.Sprintf("Đã giao bản ghi #1 — đăng ký #%d đã giao đủ bản ghi", bid))
	b, err := f.st.Booking(ctx, bid)
	if err != nil {
		t.Fatal(err)
	}
	if st, ok := b.Step(string(meeting.StepRecordingsDelivered)); !ok || st.Actor != testActor {
		t.Fatalf("booking steps %+v, want recordings_delivered by %s", b.Steps, testActor)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	quitProgram(t, tm)
}
