package meeting

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"diemcau/store"
)

// EmergencyKinds are the emergencies of Article 8.2.c that allow 3 hours' notice.
var EmergencyKinds = []string{"storm", "flood", "disaster", "fire", "other"}

// MeetingKinds are the meeting kinds of Article 5.2.
var MeetingKinds = []string{"a", "b", "c", "d"}

// registry is what the rules need to know of the bridge-point registry.
type registry struct {
	units  map[string]store.Unit
	bps    map[string]store.BridgePoint
	main   string // the main bridge point: the PPC Office room
	order  []store.BridgePoint
	groups []Group // the built-in groups and the users', for forms that book a whole group
}

// byName finds the one bridge point whose name is s, case, diacritics and a leading "UBND"
// aside (FoldName): a form may name a sub bridge point as people say it instead of giving its
// ID. Two of the same name find none.
func (r registry) byName(s string) (string, bool) {
	q, found := FoldName(s), ""
	for _, bp := range r.order {
		if FoldName(bp.Name) == q {
			if found != "" {
				return "", false
			}
			found = bp.ID
		}
	}
	return found, found != ""
}

func newRegistry(units []store.Unit, bps []store.BridgePoint) registry {
	r := registry{units: map[string]store.Unit{}, bps: map[string]store.BridgePoint{}, order: bps}
	for _, u := range units {
		r.units[u.ID] = u
	}
	for _, bp := range bps {
		r.bps[bp.ID] = bp
		if bp.Role == "main" {
			r.main = bp.ID
		}
	}
	return r
}

// hostRoom picks the room of Article 9.3: meetings chaired by the province (kind a, or a host
// that is the province) use the PPC Office room, the registry's main bridge point; others use
// the host unit's own bridge point.
func (r registry) hostRoom(kind, hostUnit string) (string, bool) {
	if kind == "a" || r.units[hostUnit].Kind == "province" {
		return r.main, r.main != ""
	}
	for _, bp := range r.order {
		if bp.UnitID == hostUnit {
			return bp.ID, true
		}
	}
	return "", false
}

// timeLayouts are the forms a clerk may write a time in, in Vietnam's zone.
var timeLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

// parseWhen reads a form's time: "YYYY-MM-DD HH:MM" in Vietnam, or RFC 3339 with a zone.
func parseWhen(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.In(vietnam), true
	}
	for _, l := range timeLayouts {
		if t, err := time.ParseInLocation(l, s, vietnam); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// validDate reports whether s is a date "YYYY-MM-DD".
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	return err == nil
}

// checkForm applies the rules of Articles 5, 8 and 9 to a form at now and returns the booking
// to store, or every problem found. leadRules=false skips the rules on the start time (past,
// notice), for an edit that keeps the meeting's time.
func (c *Calendar) checkForm(f BookingForm, reg registry, now time.Time, leadRules bool) (store.Booking, *BookingError) {
	e := &BookingError{}
	b := store.Booking{
		Kind: strings.TrimSpace(f.Kind), LegalNumber: strings.TrimSpace(f.LegalBasis.Number),
		LegalDate: strings.TrimSpace(f.LegalBasis.Date), LegalIssuer: strings.TrimSpace(f.LegalBasis.Issuer),
		HostUnit: strings.TrimSpace(f.HostUnit), Content: strings.TrimSpace(f.Content),
		ChairName: strings.TrimSpace(f.Chair.Name), ChairTitle: strings.TrimSpace(f.Chair.Title),
		TechName: strings.TrimSpace(f.Technician.Name), TechPhone: strings.TrimSpace(f.Technician.Phone),
		Projector: f.Needs.Projector, VideoPlayback: f.Needs.VideoPlayback, Speaking: f.Needs.Speaking,
		Recording: f.Needs.Recording, DeptOpinion: strings.TrimSpace(f.Opinion),
		FormDate: strings.TrimSpace(f.FormDate), HeadOfUnit: strings.TrimSpace(f.HeadOfUnit),
	}
	checkKindAndHost(&b, f, reg, e)
	checkPeople(b, e)
	checkEmergency(&b, f, e)
	checkLegal(b, e)
	c.checkTimes(&b, f, now, leadRules, e)
	checkPoints(&b, f, reg, e)
	if len(e.Problems) > 0 {
		return store.Booking{}, e
	}
	return b, nil
}

func checkKindAndHost(b *store.Booking, f BookingForm, reg registry, e *BookingError) {
	if !slices.Contains(MeetingKinds, b.Kind) {
		e.add("kind", "badKind", b.Kind)
	}
	switch _, known := reg.units[b.HostUnit]; {
	case b.HostUnit == "":
		e.add("host_unit", "required")
	case !known:
		e.add("host_unit", "unknownUnit", b.HostUnit)
	default:
		room, ok := reg.hostRoom(b.Kind, b.HostUnit)
		if !ok {
			e.add("host_unit", "noRoom", b.HostUnit)
			return
		}
		b.RoomBP = room
		b.Room = strings.TrimSpace(f.Room)
		if b.Room == "" {
			b.Room = cmp.Or(reg.bps[room].Room, reg.bps[room].Name)
		}
	}
}

func checkPeople(b store.Booking, e *BookingError) {
	for _, req := range []struct{ field, value string }{
		{"content", b.Content}, {"chair.name", b.ChairName}, {"chair.title", b.ChairTitle},
		{"technician.name", b.TechName}, {"technician.phone", b.TechPhone},
	} {
		if req.value == "" {
			e.add(req.field, "required")
		}
	}
	if b.FormDate != "" && !validDate(b.FormDate) {
		e.add("form_date", "badDate", b.FormDate)
	}
}

func checkEmergency(b *store.Booking, f BookingForm, e *BookingError) {
	if f.Emergency == nil {
		return
	}
	b.Emergency = strings.TrimSpace(f.Emergency.Kind)
	b.EmergencyReason = strings.TrimSpace(f.Emergency.Reason)
	switch {
	case !slices.Contains(EmergencyKinds, b.Emergency):
		e.add("emergency.kind", "badEmergency", b.Emergency)
	case b.Emergency == "other" && b.EmergencyReason == "":
		e.add("emergency.reason", "emergencyReason")
	}
}

// checkLegal requires the directing document, except for an emergency called by phone.
func checkLegal(b store.Booking, e *BookingError) {
	if b.Emergency == "" {
		if b.LegalNumber == "" {
			e.add("legal_basis.number", "required")
		}
		if b.LegalIssuer == "" {
			e.add("legal_basis.issuer", "required")
		}
		if b.LegalDate == "" {
			e.add("legal_basis.date", "required")
		}
	}
	if b.LegalDate != "" && !validDate(b.LegalDate) {
		e.add("legal_basis.date", "badDate", b.LegalDate)
	}
}

func (c *Calendar) checkTimes(b *store.Booking, f BookingForm, now time.Time, leadRules bool, e *BookingError) {
	start, okStart := parseWhen(f.Start)
	end, okEnd := parseWhen(f.End)
	if !okStart {
		e.add("start", "badTime", f.Start)
	}
	if !okEnd {
		e.add("end", "badTime", f.End)
	}
	if !okStart || !okEnd {
		return
	}
	b.StartsAt, b.EndsAt = start, end
	if !end.After(start) {
		e.add("end", "endBeforeStart", formatWhen(end), formatWhen(start))
	}
	if !leadRules {
		return
	}
	switch {
	case !start.After(now):
		e.add("start", "inPast", formatWhen(start))
	case b.Emergency != "":
		if now.After(EmergencyDeadline(start)) {
			e.add("start", "emergencyTooLate", formatWhen(EmergencyDeadline(start)))
		}
	case !c.BookingOnTime(now, start):
		e.add("start", "tooLate", BookingLeadDays, formatWhen(c.BookingDeadline(start)))
	}
}

// checkPoints resolves the sub bridge points: the groups' members in order, each replaced by
// its entry in bridge_points when there is one (an override of attendees and contact), then the
// entries of bridge_points in no group. The host's room is left out of a group silently, but
// is an error when listed.
func checkPoints(b *store.Booking, f BookingForm, reg registry, e *BookingError) {
	listed := listedPoints(b, f, reg, e)
	members := groupMembers(b, f, reg, e)
	if len(listed)+len(members) == 0 {
		e.add("bridge_points", "noPoints")
		return
	}
	byID := map[string]store.BookingPoint{}
	for _, p := range listed {
		byID[p.BridgePoint] = p
	}
	inGroup := map[string]bool{}
	for _, id := range members {
		inGroup[id] = true
		p, ok := byID[id]
		if !ok {
			p = store.BookingPoint{BridgePoint: id}
		}
		b.Points = append(b.Points, p)
	}
	for _, p := range listed {
		if !inGroup[p.BridgePoint] {
			b.Points = append(b.Points, p)
		}
	}
}

// groupMembers expands the form's groups, in order, without repeats and without the host's
// room; an unknown or empty group is a problem of its position.
func groupMembers(b *store.Booking, f BookingForm, reg registry, e *BookingError) []string {
	var out []string
	seen := map[string]bool{b.RoomBP: true}
	for i, name := range f.Groups {
		field := fmt.Sprintf("groups[%d]", i+1)
		g, ok := FindGroup(reg.groups, name)
		if !ok {
			if hint := reg.suggestGroup(name); hint != "" {
				e.add(field, "unknownGroupHint", name, hint)
			} else {
				e.add(field, "unknownGroup", name)
			}
			continue
		}
		n := len(out)
		for _, id := range g.Members {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
		if len(out) == n && !slices.ContainsFunc(g.Members, func(id string) bool { return id != b.RoomBP }) {
			e.add(field, "emptyGroup", name)
		}
	}
	return out
}

// listedPoints checks the entries of bridge_points, each problem named by its position, its
// field and the site as written.
func listedPoints(b *store.Booking, f BookingForm, reg registry, e *BookingError) []store.BookingPoint {
	var out []store.BookingPoint
	seen := map[string]int{}
	for i, p := range f.BridgePoints {
		field := fmt.Sprintf("bridge_points[%d]", i+1)
		id := strings.TrimSpace(p.ID)
		add := func(sub, reason string, args ...any) {
			e.Problems = append(e.Problems, BookingProblem{Field: field + sub, Reason: reason, Args: args, Site: id})
		}
		_, known := reg.bps[id]
		if !known && id != "" {
			if byName, ok := reg.byName(id); ok {
				id, known = byName, true // written by its name: "Xã Ia Grai" for XA-IAGRAI
			}
		}
		switch first, dup := seen[id]; {
		case id == "":
			add(".id", "required")
		case !known:
			if hint := reg.suggest(id); hint != "" {
				add(".id", "unknownBPHint", id, hint)
			} else {
				add(".id", "unknownBP", id)
			}
		case dup:
			add(".id", "duplicateBP", id, first)
		case id == b.RoomBP:
			add(".id", "pointIsRoom", id)
		}
		seen[id] = i + 1
		if p.Attendees < 0 || p.Attendees > 10000 {
			add(".attendees", "badAttendees", p.Attendees)
		}
		out = append(out, store.BookingPoint{BridgePoint: id, Attendees: p.Attendees,
			ContactName: strings.TrimSpace(p.Contact.Name), ContactPhone: strings.TrimSpace(p.Contact.Phone)})
	}
	return out
}
