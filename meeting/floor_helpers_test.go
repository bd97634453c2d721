package meeting

import (
	"testing"
	"time"

	"diemcau/store"
	"diemcau/store/storetest"
)

// floorStore opens a real store with a main bridge point and two sub ones, and a live meeting
// started at t0.
func floorStore(t *testing.T, t0 time.Time) (*store.Store, int64) {
	return storetest.LiveMeeting(t, t0)
}
