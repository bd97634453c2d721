package meeting

import (
	"slices"

	"diemcau/store"
)

// conflicts returns the bookings among others that use b's room or any of its bridge points
// (Article 9.3: "to avoid overlaps"); others already overlap b in time.
func conflicts(b store.Booking, others []store.Booking) []Conflict {
	mine := b.BridgePoints()
	var out []Conflict
	for _, o := range others {
		if o.ID == b.ID {
			continue
		}
		theirs := o.BridgePoints()
		var shared []string
		for _, bp := range mine {
			if slices.Contains(theirs, bp) {
				shared = append(shared, bp)
			}
		}
		if len(shared) == 0 {
			continue
		}
		out = append(out, Conflict{Other: o.ID, Content: o.Content, Start: o.StartsAt, End: o.EndsAt,
			Room: slices.Contains(theirs, b.RoomBP), BridgePoints: shared})
	}
	return out
}
