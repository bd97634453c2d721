package meeting

import (
	"context"
	"strconv"

	"diemcau/store"
)

// Attendance is who was in the room at a meeting's roll call: each bridge point's confirmed
// attendees (Appendix II's participants per site; Appendix III's participants).
type Attendance struct {
	BySite    map[string]int // bridge point → attendees, for those confirmed
	Total     int            // attendees summed over the confirmed bridge points
	Confirmed int            // how many bridge points confirmed
}

// LoadAttendance reads the confirmed attendance of a meeting.
func LoadAttendance(ctx context.Context, st *store.Store, meetingID int64) (Attendance, error) {
	rows, err := st.MeetingAttendance(ctx, meetingID)
	if err != nil {
		return Attendance{}, err
	}
	a := Attendance{BySite: make(map[string]int, len(rows))}
	for _, r := range rows {
		a.BySite[r.BridgePoint] = r.Attendees
		a.Total += r.Attendees
		a.Confirmed++
	}
	return a, nil
}

// attendeesText is a bridge point's attendees as the report prints them; "—" when unconfirmed.
func (a Attendance) attendeesText(bp string) string {
	if n, ok := a.BySite[bp]; ok {
		return strconv.Itoa(n)
	}
	return "—"
}

// totalText is the meeting's attendees with how many bridge points confirmed them.
func (a Attendance) totalText(lang string, sites int) string {
	return floorText(lang, fkLogAttendeesTotal, a.Total, a.Confirmed, sites)
}
