package meeting

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"diemcau/store"
)

// The test session (Article 10.2.b) runs the working day before the meeting, in a conference of
// its own with the booked sites: it is not the meeting (the booking is not linked to it, it is not
// counted in Appendix III) and its results belong to the booking.

// ActionTestOpen is the audit action that opens a booking's test-session conference; its detail
// is "booking=ID".
const ActionTestOpen = "test_session_open"

// TestOpenDetail is the audit detail of a test session opened for booking id.
func TestOpenDetail(id int64) string { return fmt.Sprintf("booking=%d", id) }

// TestSessionOf returns the booking whose test session meeting meetingID is, 0 when it is a
// meeting of its own.
func TestSessionOf(ctx context.Context, st *store.Store, meetingID int64) (int64, error) {
	audit, err := st.AuditLog(ctx, meetingID)
	if err != nil {
		return 0, err
	}
	for _, e := range audit {
		if e.Action != ActionTestOpen {
			continue
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(e.Detail, "booking="), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("test session of meeting %d: %q: %w", meetingID, e.Detail, err)
		}
		return id, nil
	}
	return 0, nil
}
