package tui

import "diemcau/mcu"

// RoomCounts are who is in the room: the meeting's expected bridge points, and of them how many
// are connected, never joined, and left (or were dropped or disconnected).
type RoomCounts struct {
	Expected, Connected, Never, Left int
	Attendees, Confirmed             int // attendees confirmed at the roll call, and by how many bridge points
}

// CountRoom counts the members of s.
func CountRoom(s mcu.Snapshot) RoomCounts { return countMembers(s.Participants) }

// countMembers counts the members ps.
func countMembers(ps []mcu.Participant) RoomCounts {
	var r RoomCounts
	for _, p := range ps {
		r.Expected++
		switch {
		case p.Connected:
			r.Connected++
		case p.LeftReason == "":
			r.Never++
		default:
			r.Left++
		}
		if p.Attendees >= 0 {
			r.Attendees += p.Attendees
			r.Confirmed++
		}
	}
	return r
}

// Line is the counts in one line of at most width cells.
func (r RoomCounts) Line(c Common, width int) string {
	return fit(" "+c.Text(txtRoomCounts, r.Expected, r.Connected, r.Never, r.Left), width, false)
}

// absent is the compact " · never joined N · left M" of the bridge-point table's title; "" when
// every expected bridge point is connected.
func (r RoomCounts) absent(c Common) string {
	if r.Never == 0 && r.Left == 0 {
		return ""
	}
	return " · " + c.Text(txtRoomAbsent, r.Never, r.Left)
}

// doorText names why a bridge point waits at the door.
func doorText(c Common, why mcu.Refusal) string {
	switch why {
	case mcu.RefusedLocked:
		return c.Text(txtDoorLocked)
	case mcu.RefusedDisconnected:
		return c.Text(txtDoorDisconnected)
	}
	return c.Text(txtDoorNotExpected)
}

// doorBadge is what the header shows of the door: the lock and the bridge points waiting;
// "" when the meeting is open and nobody waits.
func doorBadge(c Common, s mcu.Snapshot) string {
	out := ""
	if s.Locked {
		out = c.Styles.StatusErr.Render(c.Text(txtRoomLocked)) + " "
	}
	if n := len(s.Knocks); n > 0 {
		out += c.Styles.StatusErr.Render(c.Text(txtRoomKnocks, n)) + " "
	}
	return out
}
