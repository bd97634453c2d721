package meeting

import (
	"context"
	"time"

	"diemcau/store"
)

// DeliverRecording marks recording id delivered to the host unit (to) by actor and, in the same
// transaction, records the "recordings delivered" step of the booking held as the recording's
// meeting once every recording of that meeting is delivered (Article 12.2), audited with the
// technician; the annual report counts that step as delivered on time or late. A booking not
// closed yet keeps the step pending (the result says so), the delivery itself is kept.
func DeliverRecording(ctx context.Context, st *store.Store, id int64, at time.Time, actor, to string) (store.DeliveryResult, error) {
	after, _ := previous(StepRecordingsDelivered)
	return st.DeliverRecording(ctx, id, at, actor, to,
		store.DeliveryStep{Step: string(StepRecordingsDelivered), After: string(after)})
}
