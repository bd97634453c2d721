package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"diemcau/store"
)

// listOrderMsg carries a meeting's list order of bridge points (id → position).
type listOrderMsg struct {
	meetingID int64
	order     map[string]int
	names     map[string]string // every registered bridge point's name, for events of sites not yet in
}

// listOrderCmd reads, off the UI goroutine, the order "sorted by the list" means: the meeting's
// expected bridge points as booked (the main one first), then every other bridge point in the
// registry's order — not the order sites happened to join an ad hoc meeting in.
func listOrderCmd(c Common, st *store.Store, meetingID int64) tea.Cmd {
	if st == nil {
		return nil
	}
	return command(c, func(ctx context.Context) tea.Msg {
		expected, err := c.desk().Participants(ctx, meetingID)
		if err != nil {
			return nil // the member order stays
		}
		bps, err := c.desk().BridgePoints(ctx)
		if err != nil {
			return nil
		}
		order, names := make(map[string]int, len(bps)), make(map[string]string, len(bps))
		for _, id := range expected {
			if _, ok := order[id]; !ok {
				order[id] = len(order)
			}
		}
		for _, bp := range bps {
			names[bp.ID] = bp.Name
			if _, ok := order[bp.ID]; !ok {
				order[bp.ID] = len(order)
			}
		}
		return listOrderMsg{meetingID: meetingID, order: order, names: names}
	})
}
