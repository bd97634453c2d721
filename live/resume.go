package live

import (
	"context"
	"strconv"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// Resume reopens, under their own ids and with their real start times, every meeting the store
// still has live (the server stopped or crashed in the middle of them): their members, mute
// modes, the floor and the speak-request queue as the log book has them; the time the server
// was down counts as an interruption of each bridge point it had connected. A meeting whose
// server was down longer than ResumeWithin is ended when the server stopped instead. A
// meeting that cannot be resumed is logged and skipped: it must not keep the others from running.
func (m *Manager) Resume(ctx context.Context, host string) ([]*mcu.Conference, error) {
	lives, err := m.st.LiveMeetings(ctx)
	if err != nil {
		return nil, err
	}
	var out []*mcu.Conference
	for _, live := range lives {
		conf, ok, err := m.resumeMeeting(ctx, live, host)
		if err != nil {
			m.log.Error("resume live meeting", "meeting", live.ID, "err", err)
			continue
		}
		if ok {
			out = append(out, conf)
		}
	}
	return out, nil
}

// resumeMeeting reopens one live meeting; ok is false when it expired instead.
func (m *Manager) resumeMeeting(ctx context.Context, live store.Meeting, host string) (conf *mcu.Conference, ok bool, err error) {
	rs, err := LoadResume(ctx, m.st, live.ID)
	if err != nil {
		return nil, false, err
	}
	if time.Since(rs.StopAt) > ResumeWithin {
		return nil, false, m.expireMeeting(ctx, rs)
	}
	spec, err := m.resumeSpec(ctx, rs, host)
	if err != nil {
		return nil, false, err
	}
	restored := mcu.Restored{Mute: rs.Mute, Floor: rs.Floor, Locked: rs.Locked}
	for _, r := range rs.Requests {
		restored.Requests = append(restored.Requests, mcu.SpeakRequest{ID: r.ID, BridgePoint: r.BridgePoint,
			State: r.State, RequestedAt: r.RequestedAt, ForwardedAt: r.ForwardedAt})
	}
	if err := m.restoreRoom(ctx, live.ID, &restored); err != nil {
		return nil, false, err
	}
	now := time.Now()
	down := time.Duration(0)
	if !rs.StopAt.IsZero() {
		down = now.Sub(rs.StopAt)
	}
	if err := m.system(ctx, live.ID, now, ActionResume, ResumeDetail{Down: down, Interrupted: len(rs.Down),
		Muted: len(rs.Mute), Requests: len(rs.Requests)}.String()); err != nil {
		return nil, false, err
	}
	if conf, err = m.mcu.Reopen(ctx, spec, restored); err != nil {
		return nil, false, err
	}
	tracker := NewOutageTracker(m.st, m.lang, m.log)
	if err := tracker.Resume(ctx, live.ID, rs.Down); err != nil {
		m.log.Error("resume: interruptions", "err", err)
	}
	m.startTrackers(ctx, tracker, conf)
	m.log.Info("meeting resumed", "meeting", live.ID, "down", down.Round(time.Millisecond),
		"interrupted", len(rs.Down), "muted", len(rs.Mute), "requests", len(rs.Requests))
	return conf, true, nil
}

// expireMeeting ends a live meeting whose server has been down longer than ResumeWithin: it
// ended when the server stopped.
func (m *Manager) expireMeeting(ctx context.Context, rs ResumeState) error {
	mt := rs.Meeting
	if err := m.system(ctx, mt.ID, time.Now(), ActionExpire, ExpireDetail{Stopped: rs.StopAt}.String()); err != nil {
		return err
	}
	if err := m.st.EndMeeting(ctx, mt.ID, rs.StopAt); err != nil {
		return err
	}
	if err := m.bookingClosed(ctx, mt.ID, "system"); err != nil {
		m.log.Error("booking step closed", "meeting", mt.ID, "err", err)
	}
	m.log.Info("live meeting not resumed: the server was down too long", "meeting", mt.ID, "stopped", rs.StopAt)
	return nil
}

// resumeSpec describes the conference of a resumed meeting, members named as in the registry;
// host is shown when the meeting has no host unit.
func (m *Manager) resumeSpec(ctx context.Context, rs ResumeState, host string) (mcu.ConferenceSpec, error) {
	mt := rs.Meeting
	spec := mcu.ConferenceSpec{ID: strconv.FormatInt(mt.ID, 10), MeetingID: mt.ID, Title: mt.Title, Host: host,
		Chair: mt.Chair, OpenToAll: meeting.OpenToAll(rs.Meeting, rs.Participants), StartedAt: mt.StartedAt}
	if mt.HostUnit != "" {
		name, err := m.unitName(ctx, mt.HostUnit)
		if err != nil {
			return spec, err
		}
		spec.Host = name
	}
	bps, err := m.st.BridgePoints(ctx)
	if err != nil {
		return spec, err
	}
	names := make(map[string]string, len(bps))
	for _, bp := range bps {
		names[bp.ID] = bp.Name
	}
	for _, id := range rs.Members {
		spec.Members = append(spec.Members, mcu.Member{ID: id, Name: names[id], Main: id == mt.MainBP})
	}
	spec.PreferH264, err = m.expectsSIP(ctx, rs.Members)
	return spec, err
}

// restoreRoom adds to r who was in the room before the restart: the attendance confirmed at the
// roll call.
func (m *Manager) restoreRoom(ctx context.Context, meetingID int64, r *mcu.Restored) error {
	att, err := m.st.MeetingAttendance(ctx, meetingID)
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
	return nil
}

// system writes an action of the system (not a person) to meeting meetingID's audit log.
func (m *Manager) system(ctx context.Context, meetingID int64, at time.Time, a Action, detail string) error {
	_, err := m.st.RecordAction(ctx, meetingID, at, "system", string(a), "", detail)
	return err
}
