package tui

import (
	"errors"
	"strings"
	"time"

	"diemcau/store"
)

// errBadTime says a time field could not be read.
var errBadTime = errors.New("bad time")

// timeLayouts are the accepted forms of a full date and time.
var timeLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "02/01/2006 15:04"}

// parseWhen reads HH:MM (on ref's day) or a full date and time, in ref's time zone.
func parseWhen(s string, ref time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.ParseInLocation("15:04", s, ref.Location()); err == nil {
		y, m, d := ref.Date()
		return time.Date(y, m, d, t.Hour(), t.Minute(), 0, 0, ref.Location()), nil
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, s, ref.Location()); err == nil {
			return t, nil
		}
	}
	return time.Time{}, errBadTime
}

// validate builds the incident, or says for each wrong field what is wrong.
func (f *IncidentForm) validate() (store.Incident, map[formField]string) {
	c := f.common
	errs := map[formField]string{}
	val := func(field formField) string { return strings.TrimSpace(f.inputs[field].Value()) }
	label := func(field formField) string { return c.Text(fieldLabels[field]) }
	required := func(field formField) {
		if val(field) == "" {
			errs[field] = c.Text(txtErrEmpty, label(field))
		}
	}
	required(fieldBridgePoint)
	required(fieldDescription)
	required(fieldReporter)
	bp := val(fieldBridgePoint)
	if _, known := f.members[bp]; bp != "" && !known && len(f.members) > 0 {
		errs[fieldBridgePoint] = c.Text(txtErrUnknownBP, label(fieldBridgePoint), bp)
	}
	started, err := parseWhen(val(fieldStarted), f.now)
	if err != nil {
		errs[fieldStarted] = c.Text(txtErrTime, label(fieldStarted))
	}
	var ended time.Time
	switch {
	case val(fieldEnded) != "":
		if ended, err = parseWhen(val(fieldEnded), f.now); err != nil {
			errs[fieldEnded] = c.Text(txtErrTime, label(fieldEnded))
		} else if errs[fieldStarted] == "" && ended.Before(started) {
			errs[fieldEnded] = c.Text(txtErrEndBeforeStart, label(fieldEnded))
		}
	case incidentStatuses[f.status].code == "resolved":
		errs[fieldEnded] = c.Text(txtErrEndNeeded, label(fieldEnded))
	}
	inc := store.Incident{
		ID:          f.savedID,
		MeetingID:   f.meetingID,
		BridgePoint: bp,
		Kind:        incidentKinds[f.kind].code,
		Description: val(fieldDescription),
		StartedAt:   started,
		EndedAt:     ended,
		ActionTaken: val(fieldAction),
		ReportedBy:  val(fieldReporter),
		Status:      incidentStatuses[f.status].code,
	}
	return inc, errs
}
