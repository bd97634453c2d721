package meeting

import (
	"time"
	_ "time/tzdata" // the calendar must work on hosts without system tzdata
)

// zoneName is the IANA name of the time zone every calendar date is taken in.
const zoneName = "Asia/Ho_Chi_Minh"

// vietnam is Asia/Ho_Chi_Minh, loaded once; Vietnam has had no DST since 1975, so the fixed
// UTC+7 fallback can only matter if the embedded tzdata were missing.
var vietnam = loadVietnam()

func loadVietnam() *time.Location {
	loc, err := time.LoadLocation(zoneName)
	if err != nil {
		return time.FixedZone("ICT", 7*60*60)
	}
	return loc
}

// Zone returns Asia/Ho_Chi_Minh, the time zone in which the calendar reads every instant.
func Zone() *time.Location { return vietnam }

// civilDay is a calendar date in Vietnam, counted in days from 1970-01-01 (a Thursday).
type civilDay int

// dayOf returns the calendar date of t in Vietnam.
func dayOf(t time.Time) civilDay {
	y, m, d := t.In(vietnam).Date()
	return dayFromDate(y, m, d)
}

// dayFromDate returns the civilDay of a Gregorian date.
func dayFromDate(y int, m time.Month, d int) civilDay {
	return civilDay(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / secondsPerDay)
}

const secondsPerDay = 24 * 60 * 60

// date returns the Gregorian date of d.
func (d civilDay) date() (int, time.Month, int) {
	return time.Unix(int64(d)*secondsPerDay, 0).UTC().Date()
}

// midnight returns the first instant of d in Vietnam.
func (d civilDay) midnight() time.Time {
	y, m, dd := d.date()
	return time.Date(y, m, dd, 0, 0, 0, 0, vietnam)
}

// endOfDay returns the last instant (the last nanosecond) of d in Vietnam.
func (d civilDay) endOfDay() time.Time {
	return (d + 1).midnight().Add(-time.Nanosecond)
}

// at returns the instant on day d with the clock time (hour, minute, second, nanosecond) of t in Vietnam.
func (d civilDay) at(t time.Time) time.Time {
	tt := t.In(vietnam)
	y, m, dd := d.date()
	return time.Date(y, m, dd, tt.Hour(), tt.Minute(), tt.Second(), tt.Nanosecond(), vietnam)
}

// weekday returns the day of the week of d.
func (d civilDay) weekday() time.Weekday {
	return time.Weekday(floorMod(int(d)+int(time.Thursday), 7))
}

// isWeekend reports whether d is a Saturday or a Sunday, the weekly rest days of civil servants.
func (d civilDay) isWeekend() bool {
	wd := d.weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// String formats d as YYYY-MM-DD.
func (d civilDay) String() string {
	y, m, dd := d.date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// weekdaysThrough returns how many Mondays–Fridays lie between a fixed origin and d, so that
// weekdaysThrough(b) − weekdaysThrough(a) counts the weekdays in (a, b].
func weekdaysThrough(d civilDay) int {
	const firstMonday = 4 // 1970-01-05
	k := int(d) - firstMonday
	weeks, rest := floorDiv(k, 7), floorMod(k, 7) // rest: 0 Monday … 6 Sunday
	return 5*weeks + min(rest+1, 5)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
