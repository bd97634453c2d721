package meeting

import (
	"time"

	"diemcau/store"
)

// Interruptions sums the outages per bridge point, open ones counted up to now, and in total.
func Interruptions(outages []store.Outage, now time.Time) (perBP map[string]time.Duration, total time.Duration) {
	perBP = map[string]time.Duration{}
	for _, o := range outages {
		d := o.Duration(now)
		perBP[o.BridgePoint] += d
		total += d
	}
	return perBP, total
}

// FormatDuration writes d as minutes and seconds in lang: "2 phút 05 giây", "2 min 05 s".
func FormatDuration(d time.Duration, lang string) string {
	d = d.Round(time.Second)
	m, s := int(d/time.Minute), int(d%time.Minute/time.Second)
	return floorText(lang, fkDuration, m, s)
}
