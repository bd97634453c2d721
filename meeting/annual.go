package meeting

import (
	"context"
	"slices"
	"time"

	"diemcau/store"
)

// Annual is the yearly statistics of Appendix III (Article 16.2.d), built from the log store.
type Annual struct {
	Year          int
	Due           time.Time // when the report must reach the Department
	Meetings      int
	Hours         float64
	ByUnit        []UnitCount // by host unit, most meetings first
	ByMonth       [12]int
	ByKind        map[string]int // "a".."d", "" when not given
	BridgePoints  int            // distinct bridge points taking part
	PointUses     int            // bridge-point participations, summed over meetings
	Attendees     int            // participants: the roll call's attendees, or the booking's where no roll call was taken
	Incidents     map[string]int // by kind: line, audio, video, power, device, other
	Interruption  time.Duration
	FromOutages   bool // some interruption time comes from recorded outages
	FromIncidents bool // some comes from incidents' start and end (meetings without outages)
	Recordings    RecordingTally
	Gaps          []TrainingGap
}

// UnitCount is one host unit's meetings and hours.
type UnitCount struct {
	UnitID, Name string
	Meetings     int
	Hours        float64
}

// RecordingTally counts the recordings due in the year and how they were delivered (Article 12.2),
// and the recordings the MCU made in the year's meetings and how many of those were delivered.
type RecordingTally struct {
	Due, OnTime, Late, Pending int
	Made, Delivered            int
}

// held is one meeting that took place, from the MCU's log or from a booking.
type held struct {
	hostUnit, kind string
	start, end     time.Time
	points         []string
	meetingID      int64
	attendees      int // confirmed at the roll call, or booked
}

// LoadAnnual builds the statistics of year from the store: the meetings opened on the MCU
// that year, plus bookings held (live or later) without a linked meeting.
func LoadAnnual(ctx context.Context, st *store.Store, cal *Calendar, year int, now time.Time) (Annual, error) {
	cal, err := StoredCalendar(ctx, st, cal)
	if err != nil {
		return Annual{}, err
	}
	from := time.Date(year, time.January, 1, 0, 0, 0, 0, vietnam)
	to := from.AddDate(1, 0, 0)
	a := Annual{Year: year, Due: cal.AnnualReportDue(year), ByKind: map[string]int{}, Incidents: map[string]int{}}
	meetings, err := heldMeetings(ctx, st, from, to, now)
	if err != nil {
		return Annual{}, err
	}
	bookings, err := st.BookingsBetween(ctx, from, to)
	if err != nil {
		return Annual{}, err
	}
	meetings = append(meetings, heldBookings(bookings, meetings, from, to)...)
	if err := a.count(ctx, st, meetings, from, to, now); err != nil {
		return Annual{}, err
	}
	a.Recordings = tallyRecordings(cal, bookings, from, to)
	if err := a.Recordings.countMade(ctx, st, meetings); err != nil {
		return Annual{}, err
	}
	units, err := st.Units(ctx)
	if err != nil {
		return Annual{}, err
	}
	roster, err := st.Technicians(ctx)
	if err != nil {
		return Annual{}, err
	}
	a.Gaps = TrainingGaps(units, roster)
	a.ByUnit = unitCounts(meetings, units)
	return a, nil
}

// heldMeetings reads the MCU's meetings of [from, to) with their participants.
func heldMeetings(ctx context.Context, st *store.Store, from, to, now time.Time) ([]held, error) {
	ms, err := st.MeetingsBetween(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]held, 0, len(ms))
	for _, m := range ms {
		if test, err := TestSessionOf(ctx, st, m.ID); err != nil {
			return nil, err
		} else if test != 0 {
			continue // a booking's test session, not a meeting
		}
		h := held{hostUnit: m.HostUnit, kind: m.Kind, start: m.StartedAt, end: m.EndedAt, meetingID: m.ID}
		if h.end.IsZero() {
			h.end = now
		}
		ps, err := st.Participants(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		ss, err := st.Sessions(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			ps = append(ps, s.BridgePoint)
		}
		slices.Sort(ps)
		h.points = slices.Compact(ps)
		att, err := LoadAttendance(ctx, st, m.ID)
		if err != nil {
			return nil, err
		}
		h.attendees = att.Total
		if len(ss) == 0 && att.Total == 0 {
			if happened, err := anythingRecorded(ctx, st, m.ID); err != nil {
				return nil, err
			} else if !happened {
				continue // opened, but no bridge point ever joined: not a meeting held
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// heldBookings are the bookings of [from, to) that took place without a meeting on the MCU;
// a booking linked to a meeting lends it its kind when the meeting has none.
func heldBookings(bookings []store.Booking, meetings []held, from, to time.Time) []held {
	var out []held
	for _, b := range bookings {
		if b.StartsAt.Before(from) || !b.StartsAt.Before(to) {
			continue
		}
		if b.MeetingID != 0 {
			for i := range meetings {
				if meetings[i].meetingID != b.MeetingID {
					continue
				}
				if meetings[i].kind == "" {
					meetings[i].kind = b.Kind
				}
				if meetings[i].attendees == 0 {
					meetings[i].attendees = totalAttendees(b)
				}
			}
			continue
		}
		switch State(b) {
		case StepLive, StepClosed, StepCompleted:
		default:
			continue
		}
		end := b.EndsAt
		if st, ok := b.Step(string(StepClosed)); ok && st.At.After(b.StartsAt) {
			end = st.At
		}
		out = append(out, held{hostUnit: b.HostUnit, kind: b.Kind, start: b.StartsAt, end: end, points: b.BridgePoints(),
			attendees: totalAttendees(b)})
	}
	return out
}

// count fills the totals, months, kinds, bridge points, incidents and interruptions.
func (a *Annual) count(ctx context.Context, st *store.Store, meetings []held, from, to, now time.Time) error {
	distinct := map[string]bool{}
	for _, h := range meetings {
		a.Meetings++
		a.Hours += max(0, h.end.Sub(h.start).Hours())
		a.ByMonth[h.start.In(vietnam).Month()-1]++
		a.ByKind[h.kind]++
		a.PointUses += len(h.points)
		a.Attendees += h.attendees
		for _, p := range h.points {
			distinct[p] = true
		}
		if h.meetingID != 0 {
			if err := a.interruptions(ctx, st, h, now); err != nil {
				return err
			}
		}
	}
	a.BridgePoints = len(distinct)
	incidents, err := st.Incidents(ctx, 0)
	if err != nil {
		return err
	}
	for _, in := range incidents {
		if in.Status != "draft" && !in.StartedAt.Before(from) && in.StartedAt.Before(to) {
			a.Incidents[in.Kind]++
		}
	}
	return nil
}

// interruptions adds a meeting's interruption time: its recorded outages when there are any,
// else its incidents' start and end.
func (a *Annual) interruptions(ctx context.Context, st *store.Store, h held, now time.Time) error {
	outages, err := st.Outages(ctx, h.meetingID)
	if err != nil {
		return err
	}
	if len(outages) > 0 {
		a.FromOutages = true
		for _, o := range outages {
			end := h.end
			if end.After(now) {
				end = now
			}
			a.Interruption += o.Duration(end)
		}
		return nil
	}
	incidents, err := st.Incidents(ctx, h.meetingID)
	if err != nil {
		return err
	}
	for _, in := range incidents {
		if in.Status == "resolved" && !in.StartedAt.IsZero() {
			a.FromIncidents = true
			a.Interruption += max(0, in.EndedAt.Sub(in.StartedAt))
		}
	}
	return nil
}

// tallyRecordings counts the bookings of the year that asked for recordings and were closed.
func tallyRecordings(cal *Calendar, bookings []store.Booking, from, to time.Time) RecordingTally {
	var t RecordingTally
	for _, b := range bookings {
		closed, ok := b.Step(string(StepClosed))
		if !b.Recording || !ok || b.StartsAt.Before(from) || !b.StartsAt.Before(to) {
			continue
		}
		t.Due++
		due := cal.RecordingsDue(closed.At)
		switch d, delivered := b.Step(string(StepRecordingsDelivered)); {
		case !delivered:
			t.Pending++
		case d.At.After(due):
			t.Late++
		default:
			t.OnTime++
		}
	}
	return t
}

// unitCounts groups the meetings by host unit, most meetings first.
func unitCounts(meetings []held, units []store.Unit) []UnitCount {
	names := map[string]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	idx := map[string]int{}
	var out []UnitCount
	for _, h := range meetings {
		i, ok := idx[h.hostUnit]
		if !ok {
			i = len(out)
			idx[h.hostUnit] = i
			out = append(out, UnitCount{UnitID: h.hostUnit, Name: unitName(names, h.hostUnit)})
		}
		out[i].Meetings++
		out[i].Hours += max(0, h.end.Sub(h.start).Hours())
	}
	slices.SortStableFunc(out, func(x, y UnitCount) int { return y.Meetings - x.Meetings })
	return out
}

// countMade counts the recordings made in the meetings held and those delivered.
func (r *RecordingTally) countMade(ctx context.Context, st *store.Store, meetings []held) error {
	for _, h := range meetings {
		if h.meetingID == 0 {
			continue
		}
		recs, err := st.Recordings(ctx, h.meetingID)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			r.Made++
			if !rec.DeliveredAt.IsZero() {
				r.Delivered++
			}
		}
	}
	return nil
}

// anythingRecorded reports whether a meeting nobody joined over the MCU still has a record of
// taking place: an outage or an incident (a meeting held on the terminals, logged by hand).
func anythingRecorded(ctx context.Context, st *store.Store, meetingID int64) (bool, error) {
	outs, err := st.Outages(ctx, meetingID)
	if err != nil || len(outs) > 0 {
		return len(outs) > 0, err
	}
	ins, err := st.Incidents(ctx, meetingID)
	return len(ins) > 0, err
}
