package live

import (
	"context"
	"errors"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// Desk is the one way a person acts on the meetings of this process: every method checks the
// identity's role against the permission table (permit.go) — a refusal is a *RefusedError
// (errors.Is ErrNotPermitted) and nothing is done or written —, performs the action, and has
// its audit row written in the same transaction as the change (store actions), or journaled
// before it is acknowledged (mcu actions). Errors carry their kind (ErrNotFound, ErrConflict,
// ErrDraftsPending, ErrLogClosed) and the engine's own error.
type Desk struct {
	m       *Manager
	id      Identity
	cal     *meeting.Calendar
	now     func() time.Time
	bookNow func() time.Time // the booking register's clock
}

// As is the desk of identity id. The console, the HTTP API and any other front end act
// through it.
func (m *Manager) As(id Identity) *Desk {
	if id.Role == "" {
		id.Role = RoleControl
	}
	return &Desk{m: m, id: id, now: m.now, bookNow: m.now}
}

// WithBookings returns the desk whose booking register works on cal (nil = the default
// calendar) by the clock now (nil = the manager's).
func (d *Desk) WithBookings(cal *meeting.Calendar, now func() time.Time) *Desk {
	e := *d
	e.cal = cal
	if now != nil {
		e.bookNow = now
	}
	return &e
}

// Identity is who acts at d.
func (d *Desk) Identity() Identity { return d.id }

// Bookings is the registration desk (Appendix I) d's booking actions go through; its reads
// (lists, deadlines, unit names) need no permission.
func (d *Desk) Bookings() *meeting.Desk {
	return &meeting.Desk{Store: d.m.st, Calendar: d.cal, Now: d.bookNow}
}

// check refuses a unless d's identity may do it for bridgePoint in a meeting whose main
// bridge point is main.
func (d *Desk) check(a Act, bridgePoint, main string) error {
	if d.id.May(a, bridgePoint, main) {
		return nil
	}
	d.m.log.Warn("action refused", "actor", d.id.Actor, "role", string(d.id.Role), "action", a.String(),
		"bridge_point", bridgePoint, "own_bridge_point", d.id.BridgePoint)
	return &RefusedError{Lang: d.m.lang, Act: a, Role: d.id.Role, BridgePoint: bridgePoint, Own: d.id.BridgePoint}
}

// mainOf is the main bridge point of meeting meetingID: its live conference's, else the
// store's; "" when neither knows it.
func (d *Desk) mainOf(ctx context.Context, meetingID int64) string {
	if conf, ok := d.m.Conference(meetingID); ok {
		return confMain(conf)
	}
	if d.m.st == nil {
		return ""
	}
	if mt, err := d.m.st.Meeting(ctx, meetingID); err == nil {
		return mt.MainBP
	}
	return ""
}

// confMain is the main bridge point of conf, "" when it has none.
func confMain(conf *mcu.Conference) string {
	for _, p := range conf.Snapshot().Participants {
		if p.Main {
			return p.ID
		}
	}
	return ""
}

// Incidents and the Appendix II log.

// SaveIncident stores an incident of a live or closed meeting whose log is not yet submitted
// (edit: a stored one changed), audited in the same transaction; it returns its id.
func (d *Desk) SaveIncident(ctx context.Context, in store.Incident, edit bool) (int64, error) {
	main := d.mainOf(ctx, in.MeetingID)
	if err := d.check(ActIncident, in.BridgePoint, main); err != nil {
		return 0, err
	}
	if edit {
		if err := d.check(ActEditIncident, in.BridgePoint, main); err != nil {
			return 0, err
		}
	}
	if ok, err := meeting.Editable(ctx, d.m.st, in.MeetingID); err == nil && !ok {
		return 0, &kindError{kind: ErrLogClosed, err: errors.New(text(d.m.lang, "logClosed"))}
	}
	id, err := d.m.st.SaveIncidentAudited(ctx, in, store.AuditEntry{At: d.now(), Actor: d.id.Actor,
		Action: string(ActionIncidentSave), BridgePoint: in.BridgePoint,
		Detail: IncidentDetail{Kind: in.Kind, Description: in.Description}.String()})
	return id, classify(err)
}

// editLog checks that d may edit incident in's meeting's log and that the log is still open.
func (d *Desk) editLog(ctx context.Context, in store.Incident) error {
	if err := d.check(ActEditIncident, in.BridgePoint, d.mainOf(ctx, in.MeetingID)); err != nil {
		return err
	}
	if ok, err := meeting.Editable(ctx, d.m.st, in.MeetingID); err != nil || !ok {
		return &kindError{kind: ErrLogClosed, err: errors.Join(err, errors.New(text(d.m.lang, "logClosed")))}
	}
	return nil
}

// ConfirmDraft turns draft in into an open incident (resolved once it has ended), audited in
// the same transaction.
func (d *Desk) ConfirmDraft(ctx context.Context, in store.Incident) (store.Incident, error) {
	if err := d.editLog(ctx, in); err != nil {
		return in, err
	}
	out, err := meeting.ConfirmDraft(ctx, d.m.st, in, d.id.Actor, d.now())
	return out, classify(err)
}

// DiscardDraft deletes draft in, audited in the same transaction.
func (d *Desk) DiscardDraft(ctx context.Context, in store.Incident) error {
	if err := d.editLog(ctx, in); err != nil {
		return err
	}
	return classify(d.m.st.DiscardDraftIncidentAudited(ctx, in.ID, store.AuditEntry{At: d.now(), Actor: d.id.Actor,
		Action: string(ActionIncidentDiscard), BridgePoint: in.BridgePoint, Detail: in.Description}))
}

// CloseMeeting stores live meeting meetingID's Appendix II log (nil: prefilled), ends it and
// closes its conference (Manager.Close).
func (d *Desk) CloseMeeting(ctx context.Context, meetingID int64, entries []store.MeetingLogEntry) error {
	if err := d.check(ActCloseMeeting, "", d.mainOf(ctx, meetingID)); err != nil {
		return err
	}
	return classify(d.m.Close(ctx, meetingID, entries, d.id.Actor))
}

// Leave ends the meeting of conf that a local console ran when its technician quits it (unless
// its log was closed from the console; Manager.Leave). A refusal is logged: the console is gone.
func (d *Desk) Leave(ctx context.Context, conf *mcu.Conference) {
	if err := d.check(ActCloseMeeting, "", confMain(conf)); err != nil {
		return
	}
	d.m.Leave(ctx, conf, d.id.Actor)
}

// SubmitLog submits closed meeting meetingID's log, audited; ErrDraftsPending while drafts wait.
func (d *Desk) SubmitLog(ctx context.Context, meetingID int64) error {
	if err := d.check(ActCloseMeeting, "", d.mainOf(ctx, meetingID)); err != nil {
		return err
	}
	return classify(meeting.SubmitLog(ctx, d.m.st, meetingID, d.id.Actor, d.now()))
}

// SaveTestResult stores bridgePoint's test-session checklist in meeting meetingID, audited.
func (d *Desk) SaveTestResult(ctx context.Context, meetingID int64, bridgePoint string, items []meeting.ItemResult) (store.TestResult, error) {
	if err := d.check(ActTestSession, bridgePoint, d.mainOf(ctx, meetingID)); err != nil {
		return store.TestResult{}, err
	}
	r, err := meeting.SaveTestResult(ctx, d.m.st, meetingID, bridgePoint, items, d.id.Actor, d.now())
	return r, classify(err)
}

// DeliverRecording records recording id delivered to the host unit to, audited.
func (d *Desk) DeliverRecording(ctx context.Context, id int64, to string) (store.DeliveryResult, error) {
	if err := d.check(ActDeliverRecording, "", ""); err != nil {
		return store.DeliveryResult{}, err
	}
	res, err := meeting.DeliverRecording(ctx, d.m.st, id, d.now(), d.id.Actor, to)
	return res, classify(err)
}

// Bookings (Appendix I).

// checkBooking refuses booking action a unless d's identity may take it (Identity.MayBook:
// which meeting is live does not matter to it).
func (d *Desk) checkBooking(a Act) error {
	if d.id.MayBook(a, "") {
		return nil
	}
	return d.check(a, "", "")
}

// checkHostUnit refuses, with a *HostUnitError, a booking a host key files for a unit other
// than its bridge point's.
func (d *Desk) checkHostUnit(ctx context.Context, f meeting.BookingForm) error {
	if d.id.role() != RoleHost {
		return nil
	}
	bps, err := d.m.st.BridgePoints(ctx)
	if err != nil {
		return err
	}
	own := ""
	for _, bp := range bps {
		if bp.ID == d.id.BridgePoint {
			own = bp.UnitID
		}
	}
	if own == "" || own != f.HostUnit {
		return &HostUnitError{Lang: d.m.lang, Own: own}
	}
	return nil
}

// AddBooking registers a booking; found lists the clashes accepted with by.Override.
func (d *Desk) AddBooking(ctx context.Context, f meeting.BookingForm, by meeting.Filing) (id int64, found []meeting.Conflict, err error) {
	if err := d.checkBooking(ActBookingAdd); err != nil {
		return 0, nil, err
	}
	if err := d.checkHostUnit(ctx, f); err != nil {
		return 0, nil, err
	}
	by.Actor = d.id.Actor
	id, found, err = d.Bookings().Register(ctx, f, by)
	return id, found, classify(err)
}

// EditBooking changes booking id.
func (d *Desk) EditBooking(ctx context.Context, id int64, f meeting.BookingForm, by meeting.Filing) (meeting.EditResult, error) {
	if err := d.checkBooking(ActBookingEdit); err != nil {
		return meeting.EditResult{}, err
	}
	if err := d.checkHostUnit(ctx, f); err != nil {
		return meeting.EditResult{}, err
	}
	by.Actor = d.id.Actor
	res, err := d.Bookings().Edit(ctx, id, f, by)
	return res, classify(err)
}

// StepBooking records that booking id reached step, with an optional note.
func (d *Desk) StepBooking(ctx context.Context, id int64, step meeting.Step, note string) error {
	if err := d.checkBooking(ActBookingStep); err != nil {
		return err
	}
	return classify(d.Bookings().Advance(ctx, id, step, d.id.Actor, note))
}

// SaveGroup adds a user group of bridge points (update: changes a stored one), audited. Groups
// are picked in the booking form and the ad hoc meeting's site list: whoever registers
// bookings keeps them.
func (d *Desk) SaveGroup(ctx context.Context, g meeting.GroupDraft, update bool) error {
	if err := d.checkBooking(ActBookingAdd); err != nil {
		return err
	}
	mode, action := store.GroupCreate, meeting.ActionGroupAdd
	if update {
		mode, action = store.GroupUpdate, meeting.ActionGroupEdit
	}
	return classify(meeting.SaveGroups(ctx, d.m.st, []meeting.GroupDraft{g}, mode, action, d.id.Actor, d.now()))
}

// CompleteTestSession records the "test session done" step of the booking whose test session
// the latest results are, when every one of its bridge points passed (meeting.Desk).
func (d *Desk) CompleteTestSession(ctx context.Context, latest []store.TestResult) (int64, error) {
	if err := d.check(ActTestSession, "", ""); err != nil {
		return 0, err
	}
	id, err := d.Bookings().CompleteTestSession(ctx, latest, d.id.Actor)
	return id, classify(err)
}

// Opening meetings.

// OpenBooking opens booking id as a live meeting (Manager.OpenBooking).
func (d *Desk) OpenBooking(ctx context.Context, id int64) (*mcu.Conference, error) {
	if err := d.check(ActOpenMeeting, "", ""); err != nil {
		return nil, err
	}
	return d.m.OpenBooking(ctx, id, d.id.Actor)
}

// OpenTest opens booking id's test session (Manager.OpenTest).
func (d *Desk) OpenTest(ctx context.Context, id int64) (*mcu.Conference, error) {
	if err := d.check(ActOpenMeeting, "", ""); err != nil {
		return nil, err
	}
	return d.m.OpenTest(ctx, id, d.id.Actor)
}

// OpenAdhoc opens an ad hoc meeting (Manager.OpenAdhoc).
func (d *Desk) OpenAdhoc(ctx context.Context, a Adhoc) (*mcu.Conference, error) {
	if err := d.check(ActOpenMeeting, "", ""); err != nil {
		return nil, err
	}
	return d.m.OpenAdhoc(ctx, a, d.id.Actor)
}
