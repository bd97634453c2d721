package meeting

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"diemcau/store"
)

// BookingChange is one field of a booking that differs between two of its versions.
type BookingChange struct {
	Field         string // the field's label key in the booking catalogue ("form.content", …)
	Before, After string // the values, as printed; "" for none
}

// StaleError refuses an edit made from a copy of a booking that someone else has edited since:
// saving it would silently lose their change. It names who, when, and what they changed.
type StaleError struct {
	Booking int64
	By      string        // who made the edit that won
	At      time.Time     // when
	Base    store.Booking // the copy the refused edit started from
	Current store.Booking // the booking as stored now
}

// Changes lists, in lang, what the edit that won changed since the refused one's copy.
func (e *StaleError) Changes(lang string) []BookingChange {
	return BookingChanges(lang, e.Base, e.Current)
}

// Error is the Vietnamese message.
func (e *StaleError) Error() string { return e.Message("vi") }

// Message says in lang that nothing was written, who changed the booking meanwhile, and what.
func (e *StaleError) Message(lang string) string {
	var b strings.Builder
	b.WriteString(bt(lang, "stale", e.Booking, e.By, formatWhen(e.At)))
	changes := e.Changes(lang)
	for _, c := range changes {
		b.WriteString("\n  - " + bt(lang, "staleChange", bt(lang, c.Field), orDash(c.Before), orDash(c.After)))
	}
	if len(changes) == 0 {
		b.WriteString("\n  - " + bt(lang, "staleSame"))
	}
	b.WriteString("\n" + bt(lang, "staleHint"))
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// BookingChanges lists what differs from before to after, field by field in the form's order:
// kind, legal basis, host, room, content, chair, time, technician, sub bridge points (added,
// removed, attendees or contact changed), needs, emergency, opinion, form date, head of unit.
func BookingChanges(lang string, before, after store.Booking) []BookingChange {
	var out []BookingChange
	add := func(field, x, y string) {
		if x != y {
			out = append(out, BookingChange{Field: field, Before: x, After: y})
		}
	}
	basis := func(b store.Booking) string {
		return strings.TrimSpace(strings.Join([]string{b.LegalNumber, b.LegalDate, b.LegalIssuer}, " "))
	}
	add("kindLabel", KindName(lang, before.Kind), KindName(lang, after.Kind))
	add("form.basis", basis(before), basis(after))
	add("form.host", before.HostUnit, after.HostUnit)
	add("form.location", before.Room, after.Room)
	add("form.content", before.Content, after.Content)
	add("form.chair", before.ChairName, after.ChairName)
	add("form.title2", before.ChairTitle, after.ChairTitle)
	add("form.time", formatSpan(before.StartsAt, before.EndsAt), formatSpan(after.StartsAt, after.EndsAt))
	add("form.tech", before.TechName, after.TechName)
	add("form.phone", before.TechPhone, after.TechPhone)
	out = append(out, pointChanges(before.Points, after.Points)...)
	add("form.needs", needsText(lang, before), needsText(lang, after))
	add("emergency", strings.TrimSpace(before.Emergency+" "+before.EmergencyReason),
		strings.TrimSpace(after.Emergency+" "+after.EmergencyReason))
	add("form.opinion", before.DeptOpinion, after.DeptOpinion)
	add("form.date", before.FormDate, after.FormDate)
	add("form.head", before.HeadOfUnit, after.HeadOfUnit)
	return out
}

// pointChanges lists the sub bridge points added or removed, and those whose attendees or
// contact changed, each as "ID: attendees, contact".
func pointChanges(before, after []store.BookingPoint) []BookingChange {
	text := func(p store.BookingPoint) string {
		return strings.TrimRight(fmt.Sprintf("%s: %s, %s %s", p.BridgePoint, strconv.Itoa(p.Attendees),
			p.ContactName, p.ContactPhone), " ,")
	}
	was := make(map[string]store.BookingPoint, len(before))
	for _, p := range before {
		was[p.BridgePoint] = p
	}
	var out []BookingChange
	var added []string
	for _, p := range after {
		old, ok := was[p.BridgePoint]
		delete(was, p.BridgePoint)
		switch {
		case !ok:
			added = append(added, p.BridgePoint)
		case old != p:
			out = append(out, BookingChange{Field: "form.point", Before: text(old), After: text(p)})
		}
	}
	var removed []string
	for _, p := range before {
		if _, ok := was[p.BridgePoint]; ok {
			removed = append(removed, p.BridgePoint)
		}
	}
	if len(added)+len(removed) > 0 {
		out = append([]BookingChange{{Field: "form.points", Before: strings.Join(removed, ", "),
			After: strings.Join(added, ", ")}}, out...)
	}
	return out
}

// needsText names the other needs ticked, in lang.
func needsText(lang string, b store.Booking) string {
	var out []string
	for _, n := range []struct {
		on  bool
		key string
	}{{b.Projector, "form.projector"}, {b.VideoPlayback, "form.video"}, {b.Speaking, "form.speaking"},
		{b.Recording, "form.recording"}} {
		if n.on {
			out = append(out, bt(lang, n.key))
		}
	}
	return strings.Join(out, ", ")
}
