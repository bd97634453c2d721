package meeting

import (
	"context"
	"errors"
	"sync"
	"testing"
)

// TestConcurrentClashingBookings: two technicians file clashing bookings at the same moment
// (two connections of the pool, each its own transaction); exactly one is written, the other
// gets the conflict, because the check runs inside the writing transaction.
func TestConcurrentClashingBookings(t *testing.T) {
	ctx := context.Background()
	d1, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	const rounds = 5
	for i := range rounds {
		var (
			wg   sync.WaitGroup
			errs [2]error
		)
		day := []string{"2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"}[i]
		f := form(day+" 08:00", day+" 10:00")
		for j := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, errs[j] = d1.Register(ctx, f, Filing{Actor: "tech"})
			}()
		}
		wg.Wait()
		var ce *ConflictError
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.As(err, &ce):
				t.Fatalf("round %d: %v", i, err)
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d bookings accepted, want 1 (%v)", i, ok, errs)
		}
	}
	if n := bookingCount(t, d1); n != rounds {
		t.Fatalf("%d bookings, want %d", n, rounds)
	}
}
