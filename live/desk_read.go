package live

import (
	"context"

	"diemcau/meeting"
	"diemcau/store"
)

// What the views read. Anyone at a desk may look: these need no permission and write nothing.

// Units are the registry's units.
func (d *Desk) Units(ctx context.Context) ([]store.Unit, error) { return d.m.st.Units(ctx) }

// BridgePoints are the registry's bridge points, in its order.
func (d *Desk) BridgePoints(ctx context.Context) ([]store.BridgePoint, error) {
	return d.m.st.BridgePoints(ctx)
}

// Participants are the bridge points meeting meetingID expects.
func (d *Desk) Participants(ctx context.Context, meetingID int64) ([]string, error) {
	return d.m.st.Participants(ctx, meetingID)
}

// Incidents are meeting meetingID's incidents and drafts.
func (d *Desk) Incidents(ctx context.Context, meetingID int64) ([]store.Incident, error) {
	return d.m.st.Incidents(ctx, meetingID)
}

// Outages are meeting meetingID's interruptions.
func (d *Desk) Outages(ctx context.Context, meetingID int64) ([]store.Outage, error) {
	return d.m.st.Outages(ctx, meetingID)
}

// Editable reports whether meeting meetingID's log may still change (not yet submitted).
func (d *Desk) Editable(ctx context.Context, meetingID int64) (bool, error) {
	return meeting.Editable(ctx, d.m.st, meetingID)
}

// PrefillLog is meeting meetingID's Appendix II log as the MCU recorded it, to confirm at close.
func (d *Desk) PrefillLog(ctx context.Context, meetingID int64) ([]store.MeetingLogEntry, error) {
	return meeting.PrefillLog(ctx, d.m.st, meetingID, d.now())
}

// Recordings are every meeting's recordings.
func (d *Desk) Recordings(ctx context.Context) ([]store.Recording, error) {
	return d.m.st.Recordings(ctx, 0)
}

// Calendar is base with the working days the store holds.
func (d *Desk) Calendar(ctx context.Context, base *meeting.Calendar) (*meeting.Calendar, error) {
	return meeting.StoredCalendar(ctx, d.m.st, base)
}

// LatestTestResults are the latest saved checklist of each bridge point of meeting meetingID.
func (d *Desk) LatestTestResults(ctx context.Context, meetingID int64) ([]store.TestResult, error) {
	return d.m.st.LatestTestResults(ctx, meetingID)
}

// Roster is the trained technicians of every unit.
func (d *Desk) Roster(ctx context.Context) (meeting.Roster, error) {
	return meeting.LoadRoster(ctx, d.m.st)
}

// Groups are the built-in and the users' groups of bridge points, named in lang.
func (d *Desk) Groups(ctx context.Context, lang string) ([]meeting.Group, error) {
	return meeting.LoadGroups(ctx, d.m.st, lang)
}

// BridgePoint is the registry's bridge point id (store.ErrNotFound when there is none).
func (d *Desk) BridgePoint(ctx context.Context, id string) (store.BridgePoint, error) {
	return d.m.st.BridgePoint(ctx, id)
}

// CalendarDays are the days imported into the calendar, with who stored each.
func (d *Desk) CalendarDays(ctx context.Context) ([]store.CalendarDay, error) {
	return d.m.st.CalendarDays(ctx)
}
