package tui

import (
	"context"
	"errors"
	"fmt"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/store"
)

// commandTimeout bounds one MCU or store command started from the console.
const commandTimeout = 5 * time.Second

// snapshotMsg is a conference snapshot taken off the UI goroutine.
type snapshotMsg struct {
	conf *mcu.Conference
	snap mcu.Snapshot
	at   time.Time
}

// eventsMsg is every MCU event pending at one moment, coalesced.
type eventsMsg struct {
	events []mcu.Event
	closed bool
}

// CommandResultMsg reports how an MCU command ended, as a status line.
type CommandResultMsg struct {
	Text string
	Err  error
}

// IncidentSavedMsg reports an incident stored and journaled.
type IncidentSavedMsg struct {
	ID       int64
	Incident store.Incident
}

// IncidentSaveFailedMsg reports that the store refused an incident (nothing was written); ID is
// the incident's id when it was already stored before (an edit).
type IncidentSaveFailedMsg struct {
	ID  int64
	Err error
}

// tickCmd takes a snapshot after refreshEvery, finding the conference if it was not open yet.
func (m *Model) tickCmd() tea.Cmd {
	conf, mc, id, perm := m.conf, m.opts.MCU, m.opts.Conference, m.common.Perm
	return tea.Tick(refreshEvery, func(at time.Time) tea.Msg {
		if conf == nil && mc != nil {
			conf = findConferenceFor(mc, id, perm)
		}
		if conf == nil {
			return snapshotMsg{at: at}
		}
		return snapshotMsg{conf: conf, snap: conf.Snapshot(), at: at}
	})
}

// waitEventsCmd waits delay, then for one event, then drains every pending event into one message.
func waitEventsCmd(ctx context.Context, done <-chan struct{}, ch <-chan mcu.Event, delay time.Duration) tea.Cmd {
	if ch == nil {
		return nil
	}
	return func() tea.Msg {
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-done:
				return nil
			case <-ctx.Done():
				return nil
			}
		}
		var evs []mcu.Event
		select {
		case e, ok := <-ch:
			if !ok {
				return eventsMsg{closed: true}
			}
			evs = append(evs, e)
		case <-done:
			return nil
		case <-ctx.Done():
			return nil
		}
		for len(evs) < 4096 {
			select {
			case e, ok := <-ch:
				if !ok {
					return eventsMsg{events: evs, closed: true}
				}
				evs = append(evs, e)
			default:
				return eventsMsg{events: evs}
			}
		}
		return eventsMsg{events: evs}
	}
}

// command runs do off the UI goroutine under the command deadline (commandTimeout) and
// returns its message: the one scaffold of every store or MCU command the console starts.
func command(c Common, do func(ctx context.Context) tea.Msg) tea.Cmd { return commandAfter(c, 0, do) }

// commandAfter is command run after delay; nothing when the session ends first.
func commandAfter(c Common, delay time.Duration, do func(ctx context.Context) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		if !pause(c.Context(), delay) {
			return nil
		}
		ctx, cancel := context.WithTimeout(c.Context(), commandTimeout)
		defer cancel()
		return do(ctx)
	}
}

// conferenceCmd runs one conference command with a deadline and reports ok (or the error) as a status.
func conferenceCmd(c Common, ok string, run func(ctx context.Context) error) tea.Cmd {
	return command(c, func(ctx context.Context) tea.Msg {
		if err := run(ctx); err != nil {
			return CommandResultMsg{Err: err}
		}
		return CommandResultMsg{Text: ok}
	})
}

// muteCmd hard-mutes p from the control center, or unmutes it when it is muted.
func muteCmd(c Common, conf *mcu.Conference, p mcu.Participant) tea.Cmd {
	if p.Mute != mcu.Unmuted {
		return conferenceCmd(c, c.Text(txtUnmuteOK, p.Name), func(ctx context.Context) error {
			return c.room(conf).Unmute(ctx, p.ID)
		})
	}
	return conferenceCmd(c, c.Text(txtMuteOK, p.Name), func(ctx context.Context) error {
		return c.room(conf).Mute(ctx, p.ID)
	})
}

// softMuteCmd soft-mutes p (its operator may unmute), or unmutes it when it is soft-muted.
func softMuteCmd(c Common, conf *mcu.Conference, p mcu.Participant) tea.Cmd {
	if p.Mute == mcu.SoftMute {
		return conferenceCmd(c, c.Text(txtUnmuteOK, p.Name), func(ctx context.Context) error {
			return c.room(conf).LiftSoftMute(ctx, p.ID)
		})
	}
	return conferenceCmd(c, c.Text(txtSoftMuteOK, p.Name), func(ctx context.Context) error {
		return c.room(conf).SoftMute(ctx, p.ID)
	})
}

// muteAllCmd mutes every far end; the main bridge point stays open.
func muteAllCmd(c Common, conf *mcu.Conference) tea.Cmd {
	return command(c, func(ctx context.Context) tea.Msg {
		n, err := c.room(conf).MuteAll(ctx)
		if err != nil {
			return CommandResultMsg{Err: err}
		}
		return CommandResultMsg{Text: c.Text(txtMuteAllOK, n)}
	})
}

// saveIncidentCmd stores the incident and journals "incident_save" for it, in one transaction
// (an incident with an id is an edit of a stored one).
func saveIncidentCmd(c Common, st *store.Store, inc store.Incident) tea.Cmd {
	if st == nil {
		return func() tea.Msg { return IncidentSaveFailedMsg{Err: errors.New(c.Text(txtNoStore))} }
	}
	return command(c, func(ctx context.Context) tea.Msg {
		id, err := c.desk().SaveIncident(ctx, inc, inc.ID != 0)
		if errors.Is(err, live.ErrLogClosed) {
			return IncidentSaveFailedMsg{ID: inc.ID, Err: errors.New(c.Text(txtLogClosedNoEdit))}
		}
		if err != nil {
			return IncidentSaveFailedMsg{ID: inc.ID, Err: fmt.Errorf("save incident: %w", err)}
		}
		inc.ID = id
		return IncidentSavedMsg{ID: id, Incident: inc}
	})
}
