package live

import (
	"context"
	"io"

	"diemcau/endpoints"
	"diemcau/meeting"
	"diemcau/store"
)

// The registers the control center keeps beside the meetings — groups, bookings' meetings,
// technicians, the calendar, the registry of bridge points — as the command line changes them.
// Each checks the permission table, acts, and has its audit row written by the engine in the
// change's transaction where the engine writes one (groups, booking links, technicians, the
// calendar); the registry's import, a rotated join secret and SIP address trust are not
// audited, as before.

// ImportGroups adds or replaces the user groups drafts (a group file), audited as one import.
// Like SaveGroup, it is whoever registers bookings who keeps the groups.
func (d *Desk) ImportGroups(ctx context.Context, drafts []meeting.GroupDraft) error {
	if err := d.checkBooking(ActBookingAdd); err != nil {
		return err
	}
	return classify(meeting.SaveGroups(ctx, d.m.st, drafts, store.GroupUpsert, meeting.ActionGroupImport, d.id.Actor, d.now()))
}

// LinkBooking ties booking id to meeting meetingID held on the MCU, audited: a step of the
// register, the control center's.
func (d *Desk) LinkBooking(ctx context.Context, id, meetingID int64) error {
	if err := d.checkBooking(ActBookingStep); err != nil {
		return err
	}
	return classify(d.Bookings().Link(ctx, id, meetingID, d.id.Actor))
}

// AddTechnician adds technician t to its unit's roster, audited; it returns its id.
func (d *Desk) AddTechnician(ctx context.Context, t store.Technician) (int64, error) {
	if err := d.check(ActTechnician, "", ""); err != nil {
		return 0, err
	}
	id, err := meeting.AddTechnician(ctx, d.m.st, t, d.id.Actor, d.now())
	return id, classify(err)
}

// ImportTechnicians adds or updates the technicians of a roster file, audited.
func (d *Desk) ImportTechnicians(ctx context.Context, r io.Reader) (added, updated int, err error) {
	if err := d.check(ActTechnician, "", ""); err != nil {
		return 0, 0, err
	}
	added, updated, err = meeting.ImportTechnicians(ctx, d.m.st, r, d.id.Actor, d.now())
	return added, updated, classify(err)
}

// ImportCalendar adds or changes the working days and holidays of a calendar file, audited; it
// returns how many days it stored.
func (d *Desk) ImportCalendar(ctx context.Context, r io.Reader) (int, error) {
	if err := d.check(ActCalendar, "", ""); err != nil {
		return 0, err
	}
	n, err := meeting.ImportCalendar(ctx, d.m.st, r, d.id.Actor, d.now())
	return n, classify(err)
}

// ImportBridgePoints loads a registry file (units and bridge points, endpoints.Registry.Import;
// its problems in lang); it returns how many bridge points it holds.
func (d *Desk) ImportBridgePoints(ctx context.Context, r io.Reader, lang string) (int, error) {
	if err := d.check(ActRegistry, "", ""); err != nil {
		return 0, err
	}
	n, err := endpoints.NewRegistry(d.m.st).Import(ctx, r, lang)
	return n, classify(err)
}

// RotateSecret gives bridge point id a new join secret and returns it (shown once).
func (d *Desk) RotateSecret(ctx context.Context, id string) (string, error) {
	if err := d.check(ActRegistry, "", ""); err != nil {
		return "", err
	}
	secret, err := endpoints.NewRegistry(d.m.st).Rotate(ctx, id)
	return secret, classify(err)
}

// SetSIPAddressTrust says whether bridge point id's SIP terminal is admitted by its registered
// device address without a digest.
func (d *Desk) SetSIPAddressTrust(ctx context.Context, id string, on bool) error {
	if err := d.check(ActRegistry, "", ""); err != nil {
		return err
	}
	return classify(d.m.st.SetSIPAddressTrust(ctx, id, on))
}
