package tui

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"diemcau/meeting"
	"diemcau/store"
)

// parsePoints reads the sub bridge points as typed: entries separated by ";", each
// "ID, attendees, contact name, contact phone" with everything after the ID optional.
func parsePoints(c Common, s string) ([]meeting.FormPoint, []string) {
	var out []meeting.FormPoint
	var errs []string
	for entry := range strings.SplitSeq(s, ";") {
		if strings.TrimSpace(entry) == "" {
			continue
		}
		parts := strings.Split(entry, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		p := meeting.FormPoint{ID: parts[0]}
		if len(parts) > 1 && parts[1] != "" {
			n, err := strconv.Atoi(parts[1])
			if err != nil {
				errs = append(errs, c.Text(txtBfBadAttendees, len(out)+1, parts[1]))
			}
			p.Attendees = n
		}
		if len(parts) > 2 {
			p.Contact.Name = parts[2]
		}
		if len(parts) > 3 {
			p.Contact.Phone = strings.Join(parts[3:], ", ")
		}
		out = append(out, p)
	}
	return out, errs
}

// formatPoints writes a booking's sub bridge points the way parsePoints reads them.
func formatPoints(ps []store.BookingPoint) string {
	entries := make([]string, len(ps))
	for i, p := range ps {
		parts := []string{p.BridgePoint, strconv.Itoa(p.Attendees), p.ContactName, p.ContactPhone}
		for len(parts) > 1 && (parts[len(parts)-1] == "" || len(parts) == 2 && parts[1] == "0") {
			parts = parts[:len(parts)-1]
		}
		entries[i] = strings.Join(parts, ", ")
	}
	return strings.Join(entries, "; ")
}

// formatFormPoints writes chosen sub bridge points the way parsePoints reads them.
func formatFormPoints(ps []meeting.FormPoint) string {
	out := make([]store.BookingPoint, len(ps))
	for i, p := range ps {
		out[i] = store.BookingPoint{BridgePoint: p.ID, Attendees: p.Attendees, ContactName: p.Contact.Name,
			ContactPhone: p.Contact.Phone}
	}
	return formatPoints(out)
}

// pointsSummary counts the sub bridge points typed and their attendees, for the line under the
// field; "" when none is typed.
func pointsSummary(c Common, text string) string {
	points, _ := parsePoints(c, text)
	if len(points) == 0 {
		return ""
	}
	n := 0
	for _, p := range points {
		n += p.Attendees
	}
	return c.Text(txtBfPointsSummary, len(points), n)
}

// bkFieldPaths tie the Desk's field paths (the JSON form's) to the console's fields.
var bkFieldPaths = map[string]bkField{
	"kind": bkKind, "host_unit": bkHostUnit, "room": bkRoom, "content": bkContent,
	"chair.name": bkChairName, "chair.title": bkChairTitle, "start": bkStart, "end": bkEnd,
	"legal_basis.number": bkLegalNumber, "legal_basis.date": bkLegalDate, "legal_basis.issuer": bkLegalIssuer,
	"technician.name": bkTechName, "technician.phone": bkTechPhone, "bridge_points": bkPoints,
	"needs.projector": bkProjector, "needs.video_playback": bkVideo, "needs.speaking": bkSpeaking,
	"needs.recording": bkRecording, "emergency.kind": bkEmergency, "emergency.reason": bkEmergencyReason,
	"department_opinion": bkOpinion, "form_date": bkFormDate, "head_of_unit": bkHeadOfUnit,
}

// pointPath matches the path of one sub bridge point's field, "bridge_points[2].id".
var pointPath = regexp.MustCompile(`^bridge_points\[(\d+)\]`)

// fieldOf returns the console field of a Desk field path and, for a sub bridge point, a
// prefix naming which one.
func (f *BookingFormView) fieldOf(path string) (bkField, string, bool) {
	if m := pointPath.FindStringSubmatch(path); m != nil {
		n, _ := strconv.Atoi(m[1])
		return bkPoints, f.common.Text(txtBfPointN, n) + " ", true
	}
	field, ok := bkFieldPaths[path]
	return field, "", ok
}

// SetSaveError shows why the Desk refused the form: each rule broken next to its field, the
// meetings it clashes with (and the override field), or any other failure; the form keeps
// everything typed, and the keyboard goes to the first field in error.
func (f *BookingFormView) SetSaveError(err error) {
	c := f.common
	f.errs, f.saveErr = map[bkField][]string{}, ""
	var (
		be *meeting.BookingError
		ce *meeting.ConflictError
		re *meeting.CalendarRiskError
		le meeting.Localized
	)
	switch {
	case errors.As(err, &be):
		first := bkFieldCount
		for _, p := range be.Problems {
			reason := p.Text(c.Lang)
			field, prefix, ok := f.fieldOf(p.Field)
			if !ok {
				f.saveErr = strings.TrimSpace(f.saveErr + " " + reason)
				continue
			}
			f.errs[field] = append(f.errs[field], prefix+reason)
			first = min(first, field)
		}
		if first < bkFieldCount {
			f.focusField(first)
		}
	case errors.As(err, &ce):
		f.conflicts, f.overrideHead = f.conflicts[:0], txtBfConflictHead
		for _, cf := range ce.Conflicts {
			f.conflicts = append(f.conflicts, cf.Describe(c.Lang))
		}
		f.focusField(bkOverride)
	case errors.As(err, &re):
		f.conflicts, f.overrideHead = re.Lines(c.Lang), txtBfCalendarHead
		f.focusField(bkOverride)
	case errors.As(err, &le):
		f.saveErr = le.Message(c.Lang)
	default:
		f.saveErr = c.Text(txtCommandFailed, err.Error())
	}
}

// Errors returns the problems shown, each with its field's label, in field order.
func (f *BookingFormView) Errors() []string {
	var out []string
	for field := range bkFieldCount {
		for _, e := range f.errs[field] {
			out = append(out, fmt.Sprintf("%s: %s", f.common.Text(bkLabels[field]), e))
		}
	}
	return out
}
