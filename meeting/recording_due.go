package meeting

import (
	"time"

	"diemcau/store"
)

// RecordingDelivery is where a recording stands against its delivery deadline (Article 12.2).
type RecordingDelivery struct {
	Due       time.Time // 2 working days after the meeting ended; zero while the meeting is live
	Delivered bool
	Late      bool // delivered after Due, or not delivered and Due has passed
	DueToday  bool // not delivered, and Due falls on today's date in Vietnam
}

// RecordingDelivery judges recording r at now: its deadline from the meeting's end and the
// working-day calendar, whether it was delivered, and whether it is late or due today.
func (c *Calendar) RecordingDelivery(r store.Recording, now time.Time) RecordingDelivery {
	d := RecordingDelivery{Delivered: !r.DeliveredAt.IsZero()}
	if r.MeetingEnded.IsZero() {
		return d
	}
	d.Due = c.RecordingsDue(r.MeetingEnded)
	if d.Delivered {
		d.Late = r.DeliveredAt.After(d.Due)
		return d
	}
	d.Late = now.After(d.Due)
	d.DueToday = !d.Late && dayOf(now) == dayOf(d.Due)
	return d
}
