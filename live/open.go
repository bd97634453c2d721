package live

import (
	"context"
	"strconv"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// Spec is a meeting to open.
type Spec struct {
	Meeting   store.Meeting       // title, host unit, chair, kind, main bridge point
	Host      string              // the host as shown; "" = the host unit's name
	Members   []store.BridgePoint // the expected bridge points (the main one among them or not)
	OpenToAll bool                // any registered bridge point may join (the console's ad hoc meeting)
	Booking   int64               // the booking it is held for; 0 for none
	TestOf    int64               // the booking whose test session (Article 10) this is; 0 for a meeting
	Actor     string              // who opens it, for the audit log
}

// Open records a new live meeting and opens its conference. A bridge point already in another
// live meeting is refused with a *BusyError naming that meeting; nothing is written then.
func (m *Manager) Open(ctx context.Context, s Spec) (*mcu.Conference, error) {
	m.openMu.Lock()
	defer m.openMu.Unlock()
	if err := m.checkFree(s); err != nil {
		return nil, err
	}
	if s.Host == "" {
		name, err := m.unitName(ctx, s.Meeting.HostUnit)
		if err != nil {
			return nil, err
		}
		s.Host = name
	}
	mt := s.Meeting
	mt.StartedAt = m.now()
	ids := make([]string, 0, len(s.Members))
	spec := mcu.ConferenceSpec{Title: mt.Title, Host: s.Host, Chair: mt.Chair, OpenToAll: s.OpenToAll}
	for _, bp := range s.Members {
		ids = append(ids, bp.ID)
		spec.Members = append(spec.Members, mcu.Member{ID: bp.ID, Name: bp.Name, Main: bp.ID == mt.MainBP})
	}
	prefer, err := m.expectsSIP(ctx, ids)
	if err != nil {
		return nil, err
	}
	spec.PreferH264 = prefer
	id, err := m.createMeeting(ctx, mt, ids, s)
	if err != nil {
		return nil, err
	}
	if s.TestOf != 0 { // written first: from now on the store knows it is no meeting
		if _, err := m.st.RecordAction(ctx, id, mt.StartedAt, s.Actor, string(ActionTestOpen), "", meeting.TestOpenDetail(s.TestOf)); err != nil {
			_ = m.st.EndMeeting(ctx, id, m.now())
			return nil, err
		}
	}
	spec.ID = strconv.FormatInt(id, 10)
	spec.MeetingID = id
	conf, err := m.mcu.Open(ctx, spec)
	if err != nil {
		_ = m.st.EndMeeting(ctx, id, m.now())
		return nil, err
	}
	if s.Actor != "" {
		if _, err := m.st.RecordAction(ctx, id, mt.StartedAt, s.Actor, string(ActionOpen), "", OpenDetail{Booking: s.Booking, Members: len(ids)}.String()); err != nil {
			m.log.Error("record meeting open", "meeting", id, "err", err)
		}
	}
	m.startTrackers(ctx, NewOutageTracker(m.st, m.lang, m.log), conf)
	m.log.Info("meeting opened", "meeting", id, "title", mt.Title, "booking", s.Booking, "members", len(ids))
	return conf, nil
}

// checkFree refuses a bridge point of s already in another live meeting.
func (m *Manager) checkFree(s Spec) error {
	want := make(map[string]bool, len(s.Members))
	for _, bp := range s.Members {
		want[bp.ID] = true
	}
	if s.Meeting.MainBP != "" {
		want[s.Meeting.MainBP] = true
	}
	for _, c := range m.mcu.Conferences() {
		snap := c.Snapshot()
		for _, p := range snap.Participants {
			if want[p.ID] {
				return &BusyError{Lang: m.lang, BridgePoint: p.ID, Name: p.Name, MeetingID: snap.MeetingID, Title: snap.Title}
			}
		}
	}
	return nil
}

// unitName is the name of unit id as the registry has it; id itself when unknown, "" for "".
func (m *Manager) unitName(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	units, err := m.st.Units(ctx)
	if err != nil {
		return "", err
	}
	for _, u := range units {
		if u.ID == id {
			return u.Name, nil
		}
	}
	return id, nil
}

// RegistryMain returns the registry's main bridge point (role=main; the first by id when there
// are several); ok is false when the registry has none.
func (m *Manager) RegistryMain(ctx context.Context) (store.BridgePoint, bool, error) {
	bps, err := m.st.BridgePoints(ctx)
	if err != nil {
		return store.BridgePoint{}, false, err
	}
	if i := store.MainIndex(bps); i >= 0 {
		return bps[i], true, nil
	}
	return store.BridgePoint{}, false, nil
}
