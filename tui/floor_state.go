package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/meeting"
	"diemcau/store"
)

// floorEvery is how often the console rereads the meeting's incidents and outages.
const floorEvery = time.Second

// floorMsg is the meeting's incidents, outages and log state, read off the UI goroutine.
type floorMsg struct {
	meetingID int64
	incidents []store.Incident
	outages   []store.Outage
	editable  bool
	err       error
	again     bool // from the periodic refresh, which schedules the next one
}

// floorState is what the console knows of the meeting's faults.
type floorState struct {
	loaded    bool
	incidents []store.Incident
	outages   []store.Outage
	editable  bool
	seen      map[int64]bool // drafts already announced in the event log
}

// drafts counts the incidents still waiting for a technician.
func (f *floorState) drafts() int {
	n := 0
	for _, in := range f.incidents {
		if in.Status == "draft" {
			n++
		}
	}
	return n
}

// interruptions is the outage time per bridge point and in total, as of now.
func (f *floorState) interruptions(now time.Time) (map[string]time.Duration, time.Duration) {
	return meeting.Interruptions(f.outages, now)
}

// floorCmd reads the meeting's floor state after delay.
func floorCmd(c Common, st *store.Store, meetingID int64, delay time.Duration) tea.Cmd {
	if st == nil || meetingID == 0 {
		return tea.Tick(floorEvery, func(time.Time) tea.Msg { return floorMsg{} })
	}
	read := command(c, func(ctx context.Context) tea.Msg {
		msg := floorMsg{meetingID: meetingID}
		if msg.incidents, msg.err = c.desk().Incidents(ctx, meetingID); msg.err != nil {
			return msg
		}
		if msg.outages, msg.err = c.desk().Outages(ctx, meetingID); msg.err != nil {
			return msg
		}
		msg.editable, msg.err = c.desk().Editable(ctx, meetingID)
		return msg
	})
	if delay <= 0 {
		return read
	}
	return tea.Tick(delay, func(time.Time) tea.Msg { return read() })
}

// floorTick reads the floor state after delay and keeps reading it every floorEvery.
func (m *Model) floorTick(delay time.Duration) tea.Cmd {
	read := floorCmd(m.common, m.opts.Store, m.snap.MeetingID, delay)
	return func() tea.Msg {
		msg, _ := read().(floorMsg)
		msg.again = true
		return msg
	}
}

// refreshFloor rereads the floor state now, once.
func (m *Model) refreshFloor() tea.Cmd { return floorCmd(m.common, m.opts.Store, m.snap.MeetingID, 0) }

// applyFloor takes a fresh floor state and announces new drafts in the event log.
func (m *Model) applyFloor(msg floorMsg) {
	if msg.err != nil || msg.meetingID == 0 || msg.meetingID != m.snap.MeetingID {
		return
	}
	f := &m.floor
	f.loaded, f.incidents, f.outages, f.editable = true, msg.incidents, msg.outages, msg.editable
	if f.seen == nil {
		f.seen = map[int64]bool{}
	}
	for _, in := range f.incidents {
		if in.Status == "draft" && !f.seen[in.ID] {
			f.seen[in.ID] = true
			m.events.Add(in.StartedAt, m.common.Text(txtEvDraft, in.ID, nameOf(m.names, in.BridgePoint)), true)
		}
	}
	per, total := f.interruptions(m.now)
	sel, selDur := "", time.Duration(0)
	if p, ok := m.table.Selected(); ok {
		sel, selDur = p.Name, per[p.ID]
	}
	m.header.SetFloor(f.drafts(), total, sel, selDur)
	if m.list() != nil {
		m.list().SetIncidents(f.incidents, per)
		m.list().SetEditable(f.editable)
	}
}
