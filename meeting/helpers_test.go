package meeting

import (
	"strings"
	"testing"
	"time"
)

// vn returns the instant y-m-d hh:mm in Asia/Ho_Chi_Minh.
func vn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, Zone())
}

// endOf returns the last nanosecond of y-m-d in Asia/Ho_Chi_Minh.
func endOf(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 23, 59, 59, 999999999, Zone())
}

// mustLoad loads a holiday file from text or fails the test.
func mustLoad(t *testing.T, text string) *Calendar {
	t.Helper()
	c, err := LoadCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatalf("LoadCalendar: %v", err)
	}
	return c
}

// sameInstant fails the test unless got is want, in Vietnam time.
func sameInstant(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %s, want %s", what, got.In(Zone()).Format(time.DateTime+".000 Mon"), want.In(Zone()).Format(time.DateTime+".000 Mon"))
	}
	if got.Location() != Zone() {
		t.Errorf("%s is in %v, want %v", what, got.Location(), Zone())
	}
}
