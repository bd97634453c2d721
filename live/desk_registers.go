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
// Each checks the permission table, acts, and has its audit row written in the change's
// transaction: by the engine (groups, booking links, technicians, the calendar) or, for the
// registry's import, a rotated join secret and SIP address trust, from the entry built here
// (never the secret nor its hash in it).

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
// its problems in lang), audited with its counts; it returns how many bridge points it holds.
func (d *Desk) ImportBridgePoints(ctx context.Context, r io.Reader, lang string) (int, error) {
	if err := d.check(ActRegistry, "", ""); err != nil {
		return 0, err
	}
	n, err := endpoints.NewRegistry(d.m.st).ImportAudited(ctx, r, lang, func(units, bridgePoints int) store.AuditEntry {
		return d.registryAudit(ActionRegistryImport, "", RegistryImportDetail{Units: units, BridgePoints: bridgePoints}.String())
	})
	return n, classify(err)
}

// RotateSecret gives bridge point id a new join secret and returns it (shown once), audited
// without the secret.
func (d *Desk) RotateSecret(ctx context.Context, id string) (string, error) {
	if err := d.check(ActRegistry, "", ""); err != nil {
		return "", err
	}
	secret, err := endpoints.NewRegistry(d.m.st).RotateAudited(ctx, id, d.registryAudit(ActionSecretRotate, id, ""))
	return secret, classify(err)
}

// SetSIPAddressTrust says whether bridge point id's SIP terminal is admitted by its registered
// device address without a digest, audited "on" or "off".
func (d *Desk) SetSIPAddressTrust(ctx context.Context, id string, on bool) error {
	if err := d.check(ActRegistry, "", ""); err != nil {
		return err
	}
	return classify(d.m.st.SetSIPAddressTrustAudited(ctx, id, on, d.registryAudit(ActionSIPTrust, id, TrustDetail(on))))
}

// registryAudit is the audit row of a change to the registry by this identity, tied to no
// meeting.
func (d *Desk) registryAudit(a Action, bridgePoint, detail string) store.AuditEntry {
	return store.AuditEntry{At: d.now(), Actor: d.id.Actor, Action: string(a), BridgePoint: bridgePoint, Detail: detail}
}
