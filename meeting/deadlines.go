package meeting

import "time"

// The clock-time rules of the regulation.
const (
	// EmergencyNotice is how long before an emergency meeting the host must phone the units (Article 8.2.c).
	EmergencyNotice = 3 * time.Hour
	// FinalCheckLead is how long before the opening the final check runs (Article 10.2.c).
	FinalCheckLead = 30 * time.Minute
)

// The working-day counts of the regulation.
const (
	BookingLeadDays        = 3 // Article 8.1: register 3 working days ahead
	ConfirmationDays       = 1 // Article 9.1: the Department confirms within 1 working day
	PowerNoticeDays        = 1 // Article 9.2: the power company is told within 1 working day of confirmation
	TestSessionLeadDays    = 1 // Article 10.2.b: the test session runs 1 working day before
	RecordingsDeliveryDays = 2 // Article 12.2: recordings go to the host within 2 working days
)

// BookingDeadline is the latest moment a normal booking for a meeting starting at meetingStart
// may be filed (Article 8.1, "trước 03 ngày làm việc"): the end (23:59:59.999999999) of the 3rd
// working day before the meeting's date. A meeting on Thursday 10:00 with no holidays around
// must be booked by the end of Monday, leaving Tuesday and Wednesday to prepare. A booking filed
// on a non-working day counts from the next working day, which this bound already implies.
func (c *Calendar) BookingDeadline(meetingStart time.Time) time.Time {
	return c.stepWorkingDays(dayOf(meetingStart), -BookingLeadDays).endOfDay()
}

// BookingOnTime reports whether a normal booking filed at filedAt meets Article 8.1 for a meeting
// starting at meetingStart.
func (c *Calendar) BookingOnTime(filedAt, meetingStart time.Time) bool {
	return !filedAt.After(c.BookingDeadline(meetingStart))
}

// EmergencyDeadline is the latest moment the host of an emergency meeting (storm, flood,
// disaster, fire…) may phone the units: 3 clock hours before the start (Article 8.2.c).
func EmergencyDeadline(meetingStart time.Time) time.Time {
	return meetingStart.Add(-EmergencyNotice).In(vietnam)
}

// ConfirmationDue is when the Department must have confirmed a booking filed at filedAt:
// 1 working day later, at the same clock time (Article 9.1). Filed Friday 15:00 → Monday 15:00.
func (c *Calendar) ConfirmationDue(filedAt time.Time) time.Time {
	return c.AddWorkingDays(filedAt, ConfirmationDays)
}

// PowerNoticeDue is when the Digital Transformation Center must have told the power company
// (Công ty Điện lực Gia Lai): 1 working day after the confirmation was sent (Article 9.2).
func (c *Calendar) PowerNoticeDue(confirmedAt time.Time) time.Time {
	return c.AddWorkingDays(confirmedAt, PowerNoticeDays)
}

// TestSessionDay is the day of the test session with the control center: the working day before
// the meeting's date (Article 10.2.b). It returns midnight at the start of that day.
func (c *Calendar) TestSessionDay(meetingStart time.Time) time.Time {
	return c.stepWorkingDays(dayOf(meetingStart), -TestSessionLeadDays).midnight()
}

// FinalCheckAt is when the last check of terminals, lines, sound and picture runs: 30 minutes
// before the opening (Article 10.2.c).
func FinalCheckAt(meetingStart time.Time) time.Time {
	return meetingStart.Add(-FinalCheckLead).In(vietnam)
}

// RecordingsDue is when the recordings and documents must be with the host: 2 working days after
// the meeting ended, at the same clock time (Article 12.2).
func (c *Calendar) RecordingsDue(meetingEnd time.Time) time.Time {
	return c.AddWorkingDays(meetingEnd, RecordingsDeliveryDays)
}

// AnnualReportDue is when the operating unit's yearly statistics (Appendix III) must reach the
// Department: "before 30 December" (Article 16.2.d), so the end of the last working day before
// 30 December of year.
func (c *Calendar) AnnualReportDue(year int) time.Time {
	return c.stepWorkingDays(dayFromDate(year, time.December, 30), -1).endOfDay()
}
