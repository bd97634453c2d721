package live

import (
	"context"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// Info is one live meeting as the API and the console's meetings panel list it.
type Info struct {
	MeetingID    int64     `json:"meeting_id"`
	Conference   string    `json:"conference"`
	Title        string    `json:"title"`
	Host         string    `json:"host"`
	Chair        string    `json:"chair"`
	Kind         string    `json:"kind"`
	Main         string    `json:"main_bridge_point"`
	StartedAt    time.Time `json:"started_at"`
	Booking      int64     `json:"booking,omitempty"`
	Expected     int       `json:"expected"`
	Connected    int       `json:"connected"`
	BridgePoints []string  `json:"bridge_points"`
}

// Scheduled is one of today's bookings with its next step and deadline.
type Scheduled struct {
	Booking   int64      `json:"booking"`
	Content   string     `json:"content"`
	HostUnit  string     `json:"host_unit"`
	StartsAt  time.Time  `json:"starts_at"`
	EndsAt    time.Time  `json:"ends_at"`
	State     string     `json:"state"`
	NextStep  string     `json:"next_step,omitempty"`
	NextDue   *time.Time `json:"next_due,omitempty"`
	Overdue   bool       `json:"overdue"`
	DueToOpen bool       `json:"due_to_open"` // its time has come and it is not opened yet
	MeetingID int64      `json:"meeting_id,omitempty"`
}

// List is the reply of GET /api/v1/meetings.
type List struct {
	Live  []Info      `json:"live"`
	Today []Scheduled `json:"today"`
}

// List returns the live meetings (oldest first) and today's bookings (by start time).
func (m *Manager) List(ctx context.Context, cal *meeting.Calendar) (List, error) {
	out := List{Live: []Info{}, Today: []Scheduled{}}
	bookings, err := m.st.Bookings(ctx)
	if err != nil {
		return out, err
	}
	for _, c := range m.mcu.Conferences() {
		out.Live = append(out.Live, infoOf(c.Snapshot().MeetingID, c, bookings))
	}
	today, err := m.Today(ctx, cal)
	out.Today = append(out.Today, today...)
	return out, err
}

// Today returns today's bookings (not cancelled) with their next step and deadline.
func (m *Manager) Today(ctx context.Context, cal *meeting.Calendar) ([]Scheduled, error) {
	if cal == nil {
		cal = meeting.DefaultCalendar()
	}
	now := m.now()
	y, mo, d := now.Date()
	from := time.Date(y, mo, d, 0, 0, 0, 0, now.Location())
	bs, err := m.st.BookingsBetween(ctx, from, from.AddDate(0, 0, 1))
	if err != nil {
		return nil, err
	}
	var out []Scheduled
	for _, b := range bs {
		s := cal.Status(b, now)
		if s.State == meeting.StepCancelled {
			continue
		}
		row := Scheduled{Booking: b.ID, Content: b.Content, HostUnit: b.HostUnit, StartsAt: b.StartsAt,
			EndsAt: b.EndsAt, State: string(s.State), Overdue: s.Overdue, MeetingID: b.MeetingID}
		switch s.State {
		case meeting.StepConfirmed, meeting.StepPowerNotified, meeting.StepTestDone, meeting.StepFinalCheckDone:
			row.DueToOpen = b.MeetingID == 0 && !now.Before(b.StartsAt) && now.Before(b.EndsAt)
		}
		if s.Next != nil {
			row.NextStep = string(s.Next.Step)
			if !s.Next.Due.IsZero() {
				due := s.Next.Due
				row.NextDue = &due
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// info is the Info of live meeting id.
func (m *Manager) info(ctx context.Context, id int64) (Info, error) {
	c, ok := m.Conference(id)
	if !ok {
		return Info{}, &NotLiveError{Lang: m.lang, Meeting: id}
	}
	bookings, err := m.st.Bookings(ctx)
	if err != nil {
		return Info{}, err
	}
	return infoOf(id, c, bookings), nil
}

// infoOf describes conference c of meeting id, with the booking it was opened from.
func infoOf(id int64, c *mcu.Conference, bookings []store.Booking) Info {
	snap := c.Snapshot()
	in := Info{MeetingID: id, Conference: snap.ID, Title: snap.Title, Host: snap.Host, Chair: snap.Chair,
		StartedAt: snap.StartedAt, Expected: snap.Expected, Connected: snap.Connected, BridgePoints: []string{}}
	for _, p := range snap.Participants {
		in.BridgePoints = append(in.BridgePoints, p.ID)
		if p.Main {
			in.Main = p.ID
		}
	}
	for _, b := range bookings {
		if b.MeetingID == id && id != 0 {
			in.Booking, in.Kind = b.ID, b.Kind
		}
	}
	return in
}
