package meeting

import (
	"slices"
	"time"

	"diemcau/store"
)

// Step is one step of a booking's workflow (Articles 9–12).
type Step string

// The workflow: registered → confirmed → power company notified → test session done → final
// check done → live → closed → log submitted and recordings delivered (in either order).
const (
	StepRegistered          Step = "registered" // the state before any step; never recorded
	StepConfirmed           Step = "confirmed"
	StepPowerNotified       Step = "power_notified"
	StepTestDone            Step = "test_done"
	StepFinalCheckDone      Step = "final_check_done"
	StepLive                Step = "live"
	StepClosed              Step = "closed"
	StepLogSubmitted        Step = "log_submitted"
	StepRecordingsDelivered Step = "recordings_delivered"
	StepCancelled           Step = "cancelled"
	StepCompleted           Step = "completed" // a state: closed, log submitted, recordings delivered
)

// stepOrder is the main line of the workflow; each step follows the one before it.
var stepOrder = []Step{StepConfirmed, StepPowerNotified, StepTestDone, StepFinalCheckDone, StepLive, StepClosed}

// previous returns the step that must be recorded before s ("" for the first), and whether s
// can be recorded at all.
func previous(s Step) (Step, bool) {
	switch s {
	case StepLogSubmitted, StepRecordingsDelivered:
		return StepClosed, true
	case StepConfirmed:
		return "", true
	}
	for i, o := range stepOrder {
		if o == s {
			return stepOrder[i-1], true
		}
	}
	return "", false
}

// Deadline is when a step of a booking falls due, from the working-day calendar.
type Deadline struct {
	Step   Step
	Due    time.Time // zero when the regulation sets none (the log is sent on request)
	Done   bool
	DoneAt time.Time
}

// BookingStatus is a booking with its state and deadlines at a moment.
type BookingStatus struct {
	Booking   store.Booking
	State     Step
	Deadlines []Deadline
	Next      *Deadline // the first pending deadline; nil when nothing is pending
	Overdue   bool      // Next is past
	DueToday  bool      // Next falls on today's date
}

// State returns where a booking stands: registered, the last step of the main line reached,
// completed, or cancelled.
func State(b store.Booking) Step {
	if _, ok := b.Step(string(StepCancelled)); ok {
		return StepCancelled
	}
	state := StepRegistered
	for _, s := range stepOrder {
		if _, ok := b.Step(string(s)); ok {
			state = s
		}
	}
	if state == StepClosed {
		_, log := b.Step(string(StepLogSubmitted))
		_, rec := b.Step(string(StepRecordingsDelivered))
		if log && (rec || !b.Recording) {
			return StepCompleted
		}
	}
	return state
}

// Deadlines computes every step's due time for b from the calendar (Articles 9, 10 and 12).
// Steps before the meeting are never due after the final check, which matters for emergencies.
func (c *Calendar) Deadlines(b store.Booking) []Deadline {
	start := b.StartsAt
	final := FinalCheckAt(start)
	before := func(t time.Time) time.Time {
		if t.After(final) {
			return final
		}
		return t
	}
	confirmed := c.ConfirmationDue(b.FiledAt)
	if st, ok := b.Step(string(StepConfirmed)); ok {
		confirmed = st.At
	}
	test := dayOf(c.TestSessionDay(start)).endOfDay()
	if test.Before(b.FiledAt) {
		test = final
	}
	closedAt := b.EndsAt
	if st, ok := b.Step(string(StepClosed)); ok {
		closedAt = st.At
	}
	ds := []Deadline{
		{Step: StepConfirmed, Due: before(c.ConfirmationDue(b.FiledAt))},
		{Step: StepPowerNotified, Due: before(c.PowerNoticeDue(confirmed))},
		{Step: StepTestDone, Due: before(test)},
		{Step: StepFinalCheckDone, Due: final},
		{Step: StepLive, Due: start.In(vietnam)},
		{Step: StepClosed, Due: b.EndsAt.In(vietnam)},
		{Step: StepLogSubmitted},
	}
	if b.Recording {
		ds = append(ds, Deadline{Step: StepRecordingsDelivered, Due: c.RecordingsDue(closedAt)})
	}
	for i := range ds {
		if st, ok := b.Step(string(ds[i].Step)); ok {
			ds[i].Done, ds[i].DoneAt = true, st.At
		}
	}
	return ds
}

// Status computes b's state and deadlines at now.
func (c *Calendar) Status(b store.Booking, now time.Time) BookingStatus {
	s := BookingStatus{Booking: b, State: State(b), Deadlines: c.Deadlines(b)}
	if s.State == StepCancelled || s.State == StepCompleted {
		return s
	}
	for i := range s.Deadlines {
		d := &s.Deadlines[i]
		if !d.Done && !d.Due.IsZero() {
			s.Next = d
			break
		}
	}
	if s.Next == nil {
		for i := range s.Deadlines {
			if !s.Deadlines[i].Done {
				s.Next = &s.Deadlines[i]
				break
			}
		}
	}
	if s.Next != nil && !s.Next.Due.IsZero() {
		s.Overdue = now.After(s.Next.Due)
		s.DueToday = !s.Overdue && dayOf(now) == dayOf(s.Next.Due)
	}
	return s
}

// DueItem is one pending step that is overdue or due today.
type DueItem struct {
	Booking  store.Booking
	Deadline Deadline
	Overdue  bool
}

// Due lists, over the bookings, every pending step that is overdue or due on now's date, the
// most urgent first.
func (c *Calendar) Due(bookings []store.Booking, now time.Time) []DueItem {
	var out []DueItem
	for _, b := range bookings {
		if st := State(b); st == StepCancelled || st == StepCompleted {
			continue
		}
		for _, d := range c.Deadlines(b) {
			if d.Done || d.Due.IsZero() {
				continue
			}
			overdue := now.After(d.Due)
			if overdue || dayOf(now) == dayOf(d.Due) {
				out = append(out, DueItem{Booking: b, Deadline: d, Overdue: overdue})
			}
		}
	}
	sortDue(out)
	return out
}

func sortDue(items []DueItem) {
	slices.SortStableFunc(items, func(a, b DueItem) int { return a.Deadline.Due.Compare(b.Deadline.Due) })
}
