package meeting

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"diemcau/store"
)

// SaveTestResult stores the checklist of bridgePoint in the test session held as meeting
// meetingID, saved by actor at now and audited in the same transaction. The result passes
// when every item passed.
func SaveTestResult(ctx context.Context, st *store.Store, meetingID int64, bridgePoint string,
	items []ItemResult, actor string, now time.Time) (store.TestResult, error) {
	if strings.TrimSpace(actor) == "" {
		return store.TestResult{}, errors.New("save test result: no actor")
	}
	if len(items) == 0 {
		return store.TestResult{}, errors.New("save test result: empty checklist")
	}
	r := store.TestResult{MeetingID: meetingID, BridgePoint: bridgePoint, TestedAt: now, TestedBy: actor,
		Passed: AllPassed(items)}
	booking, err := TestSessionOf(ctx, st, meetingID)
	if err != nil {
		return store.TestResult{}, fmt.Errorf("save test result: %w", err)
	}
	r.BookingID = booking // a test session's results are its booking's; else the booking linked to the meeting
	var failed []string
	for _, it := range items {
		r.Items = append(r.Items, store.TestResultItem{Item: string(it.Item), Measured: it.Item.Measured(),
			Passed: it.Passed, Figure: it.Figure})
		if !it.Passed {
			failed = append(failed, string(it.Item))
		}
	}
	detail := "passed"
	if !r.Passed {
		detail = "failed: " + strings.Join(failed, ", ")
	}
	id, err := st.SaveTestResult(ctx, r, store.AuditEntry{At: now, Actor: actor, Action: ActionTestResult,
		Detail: detail})
	if err != nil {
		return store.TestResult{}, fmt.Errorf("save test result: %w", err)
	}
	r.ID = id
	return r, nil
}

// FailedTestPoints returns the bridge points whose latest result failed: they stay flagged
// until a re-test passes.
func FailedTestPoints(latest []store.TestResult) []string {
	var out []string
	for _, r := range latest {
		if !r.Passed {
			out = append(out, r.BridgePoint)
		}
	}
	return out
}

// CompleteTestSession records the step "test session done" of the booking the results belong
// to, by actor, once the latest result of every bridge point of the booking (its room and each
// sub bridge point) passed. It returns the booking's id when it recorded the step, 0 when there
// is no booking, the step is already recorded or some bridge point has not passed yet; a step
// out of order fails with *StepError.
func (d *Desk) CompleteTestSession(ctx context.Context, latest []store.TestResult, actor string) (int64, error) {
	var id int64
	passed := map[string]bool{}
	for _, r := range latest {
		if r.BookingID != 0 {
			id = r.BookingID
		}
		passed[r.BridgePoint] = r.Passed
	}
	if id == 0 {
		return 0, nil
	}
	b, err := d.Store.Booking(ctx, id)
	if err != nil {
		return 0, err
	}
	if _, done := b.Step(string(StepTestDone)); done {
		return 0, nil
	}
	points := b.BridgePoints()
	for _, bp := range points {
		if !passed[bp] {
			return 0, nil
		}
	}
	if err := d.Advance(ctx, id, StepTestDone, actor, fmt.Sprintf("%d/%d passed", len(points), len(points))); err != nil {
		return 0, err
	}
	return id, nil
}
