package meeting

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/store"
)

// clock is a settable time for a Desk.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// bookingDesk opens a real store in t.TempDir() with a small registry and returns a desk on
// the default calendar whose clock reads now.
func bookingDesk(t *testing.T, now time.Time) (*Desk, *clock) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "booking.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	units := []store.Unit{
		{ID: "UBND-TINH", Name: "Văn phòng UBND tỉnh Gia Lai", Kind: "province"},
		{ID: "SO-KHCN", Name: "Sở Khoa học và Công nghệ", Kind: "agency"},
		{ID: "SO-NV", Name: "Sở Nội vụ", Kind: "agency"},
		{ID: "SO-TC", Name: "Sở Tài chính", Kind: "agency"}, // no bridge point of its own
		{ID: "XA-IAGRAI", Name: "Xã Ia Grai", Kind: "commune"},
		{ID: "XA-DAKDOA", Name: "Xã Đak Đoa", Kind: "commune"},
		{ID: "PHUONG-PLEIKU", Name: "Phường Pleiku", Kind: "ward"},
	}
	bps := []store.BridgePoint{
		{ID: "UBND-TINH", Name: "Phòng họp UBND tỉnh", UnitID: "UBND-TINH", Role: "main", Room: "Phòng họp trực tuyến Văn phòng UBND tỉnh"},
		{ID: "SO-KHCN", Name: "Sở KH&CN", UnitID: "SO-KHCN", Role: "sub", Room: "Phòng họp Trung tâm Chuyển đổi số"},
		{ID: "SO-NV", Name: "Sở Nội vụ", UnitID: "SO-NV", Role: "sub"},
		{ID: "XA-IAGRAI", Name: "UBND xã Ia Grai", UnitID: "XA-IAGRAI", Role: "sub", Address: "xã Ia Grai"},
		{ID: "XA-DAKDOA", Name: "UBND xã Đak Đoa", UnitID: "XA-DAKDOA", Role: "sub"},
		{ID: "PHUONG-PLEIKU", Name: "UBND phường Pleiku", UnitID: "PHUONG-PLEIKU", Role: "sub"},
	}
	if err := st.ImportRegistry(ctx, units, bps); err != nil {
		t.Fatal(err)
	}
	c := &clock{t: now}
	return &Desk{Store: st, Calendar: DefaultCalendar(), Now: c.now}, c
}

// form returns a valid kind-b form of SO-KHCN for the given times ("2026-02-23 09:00").
func form(start, end string, points ...string) BookingForm {
	if len(points) == 0 {
		points = []string{"XA-IAGRAI", "PHUONG-PLEIKU"}
	}
	f := BookingForm{
		Kind: "b", LegalBasis: LegalBasis{Number: "12/UBND", Date: "2026-01-05", Issuer: "UBND tỉnh Gia Lai"},
		HostUnit: "SO-KHCN", Content: "Chuyển đổi số cấp xã", Chair: Person{Name: "Nguyễn Văn A", Title: "Giám đốc"},
		Start: start, End: end, Technician: Person{Name: "Lê Thị B", Phone: "0905123456"},
		Needs: Needs{Speaking: true, Recording: true}, HeadOfUnit: "Nguyễn Văn A",
	}
	for i, p := range points {
		f.BridgePoints = append(f.BridgePoints, FormPoint{ID: p, Attendees: 10 + i, Contact: Person{Name: "Đầu mối", Phone: "0911"}})
	}
	return f
}

// fields returns the fields named by a *BookingError, or fails the test.
func fields(t *testing.T, err error) []string {
	t.Helper()
	var be *BookingError
	if !errors.As(err, &be) {
		t.Fatalf("error = %v (%T), want *BookingError", err, err)
	}
	var out []string
	for _, p := range be.Problems {
		out = append(out, p.Field)
	}
	return out
}

// bookingCount counts the stored bookings.
func bookingCount(t *testing.T, d *Desk) int {
	t.Helper()
	bs, err := d.Store.Bookings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(bs)
}

// formJSON encodes a form as a clerk's file.
func formJSON(t *testing.T, f BookingForm) string {
	t.Helper()
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// hasLine reports whether text has a line containing every one of parts.
func hasLine(text string, parts ...string) bool {
	for _, l := range strings.Split(text, "\n") {
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(l, p)
		}
		if ok {
			return true
		}
	}
	return false
}
