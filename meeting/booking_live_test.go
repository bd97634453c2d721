package meeting

import (
	"context"
	"errors"
	"testing"
)

// "live" and "closed" are not recorded by hand days early: live from the final check, closed
// from the start.
func TestLiveAndClosedAreNotRecordedEarly(t *testing.T) {
	ctx := context.Background()
	d, clk := bookingDesk(t, vn(2026, 12, 1, 9, 0))
	id, _, err := d.Register(ctx, form("2026-12-16 08:00", "2026-12-16 10:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	clk.t = vn(2026, 12, 6, 9, 0)
	advanceAll(t, d, id, StepConfirmed, StepPowerNotified, StepTestDone, StepFinalCheckDone)
	var se *StepError
	if err := d.Advance(ctx, id, StepLive, "an", ""); !errors.As(err, &se) || se.Reason != "tooEarly" {
		t.Fatalf("live ten days early: %v, want refused as too early", err)
	}
	clk.t = vn(2026, 12, 16, 7, 31)
	advanceAll(t, d, id, StepLive)
	if err := d.Advance(ctx, id, StepClosed, "an", ""); !errors.As(err, &se) || se.Reason != "tooEarly" {
		t.Fatalf("closed before the start: %v, want refused as too early", err)
	}
	clk.t = vn(2026, 12, 16, 10, 0)
	advanceAll(t, d, id, StepClosed)
}
