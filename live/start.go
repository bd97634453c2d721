package live

import (
	"context"

	"diemcau/mcu"
	"diemcau/store"
)

// ResumeOrOpenAdhoc resumes every meeting the store still has live (the server stopped or
// crashed in the middle of them); when none was, it opens a new ad hoc meeting titled title that
// any registered bridge point may join, chaired from the registry's main room (host names the
// host when the meeting has no host unit). It returns the first meeting.
func (m *Manager) ResumeOrOpenAdhoc(ctx context.Context, host, title string) (*mcu.Conference, error) {
	confs, err := m.Resume(ctx, host)
	if err != nil {
		// A meeting that cannot be resumed must not keep the control center from starting.
		m.log.Error("resume live meetings; opening a new one", "err", err)
	}
	if len(confs) > 0 {
		return confs[0], nil
	}
	mt := store.Meeting{Title: title}
	var members []store.BridgePoint
	main, ok, err := m.RegistryMain(ctx)
	if err != nil {
		return nil, err
	}
	if ok { // the meeting is chaired from the province's main room: M never mutes it, its host acts in it
		mt.MainBP, mt.HostUnit = main.ID, main.UnitID
		members = []store.BridgePoint{main}
	} else {
		m.log.Warn("the registry has no main bridge point (role=main): the ad hoc meeting has none")
	}
	return m.Open(ctx, Spec{Meeting: mt, Host: host, Members: members, OpenToAll: true})
}
