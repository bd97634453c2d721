package meeting

import "diemcau/store"

// After a restart, live replays the log book to reopen each live meeting (live/replay.go) and its
// outage tracker counts the time the server was down as an interruption of each bridge point it
// had connected (live/outage_resume.go).

// OpenToAll reports whether a meeting admits any registered bridge point: an ad hoc meeting
// expects no site but its main one.
func OpenToAll(m store.Meeting, participants []string) bool {
	for _, p := range participants {
		if p != m.MainBP {
			return false
		}
	}
	return true
}
