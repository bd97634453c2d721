package tui

import (
	"time"

	"diemcau/store"
)

// EditIncidentForm opens the form on a stored incident; saving updates it. A draft is saved as
// open (or resolved, when the technician sets it), which confirms it.
func EditIncidentForm(c Common, in store.Incident, members map[string]string, now time.Time) *IncidentForm {
	f := NewIncidentForm(c, in.BridgePoint, members, in.MeetingID, now)
	f.savedID = in.ID
	f.title = c.Text(txtFormEditTitle, in.ID)
	f.inputs[fieldDescription].SetValue(in.Description)
	f.inputs[fieldStarted].SetValue(formWhen(in.StartedAt, now))
	f.inputs[fieldEnded].SetValue(formWhen(in.EndedAt, now))
	f.inputs[fieldAction].SetValue(in.ActionTaken)
	if in.ReportedBy != "" {
		f.inputs[fieldReporter].SetValue(in.ReportedBy)
	}
	for i, k := range incidentKinds {
		if k.code == in.Kind {
			f.kind = i
		}
	}
	for i, s := range incidentStatuses {
		if s.code == in.Status {
			f.status = i
		}
	}
	return f
}

// formWhen writes t as the form reads it: HH:MM on now's day, else the full date; "" when zero.
func formWhen(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(now.Location())
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04")
	}
	return t.Format("2006-01-02 15:04")
}
