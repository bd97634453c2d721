package main

import (
	"context"

	"diemcau/mcu"
)

// restoreRoom adds to r who was in the room before the restart: the attendance confirmed at the
// roll call and whether the meeting was locked (its last lock or unlock in the audit log).
func (a *app) restoreRoom(ctx context.Context, meetingID int64, r *mcu.Restored) error {
	att, err := a.st.MeetingAttendance(ctx, meetingID)
	if err != nil {
		return err
	}
	r.Attended = make(map[string]mcu.Attended, len(att))
	for _, x := range att {
		by := x.Actor
		if x.BySite {
			by = "endpoint"
		}
		r.Attended[x.BridgePoint] = mcu.Attended{Attendees: x.Attendees, By: by}
	}
	audit, err := a.st.AuditLog(ctx, meetingID)
	if err != nil {
		return err
	}
	for _, e := range audit {
		switch e.Action {
		case "lock":
			r.Locked = true
		case "unlock":
			r.Locked = false
		}
	}
	return nil
}
