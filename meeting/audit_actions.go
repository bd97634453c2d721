package meeting

// The audit actions this package writes in the transaction of the change it makes. The strings
// are stored and never change; live.Action names each of them (and every other action) as a
// typed constant defined from these.
const (
	ActionLogClose                = "meeting_log_close"         // detail: "entries=N"
	ActionLogSubmit               = "meeting_log_submit"        // the closed log is submitted: its incidents are the record
	ActionIncidentConfirm         = "incident_confirm"          // detail: the incident's status
	ActionTestResult              = "test_result"               // a test-session checklist saved
	ActionBookingAdd              = "booking_add"               //
	ActionBookingEdit             = "booking_edit"              //
	ActionBookingOverride         = "booking_override"          // a clash accepted
	ActionBookingCalendarOverride = "booking_calendar_override" // a calendar doubt accepted
	ActionBookingLink             = "booking_link"              // a booking held as a meeting
	ActionGroupAdd                = "group_add"                 //
	ActionGroupEdit               = "group_edit"                //
	ActionGroupImport             = "group_import"              //
	ActionCalendarImport          = "calendar_import"           //
	ActionTechnicianAdd           = "technician_add"            //
	ActionTechnicianImport        = "technician_import"         //
	bookingStepPrefix             = "booking_"
)

// BookingStepAction is the audit action recording that a booking reached step.
func BookingStepAction(step Step) string { return bookingStepPrefix + string(step) }

// RecordedSteps are the booking steps recorded in the audit log, in workflow order, then the
// steps outside the order (cancelled, log submitted, recordings delivered).
func RecordedSteps() []Step {
	return append(append([]Step{}, stepOrder...), StepLogSubmitted, StepRecordingsDelivered, StepCancelled)
}
