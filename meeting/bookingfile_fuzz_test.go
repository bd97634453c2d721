package meeting

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/store"
)

// FuzzBookingFile: any input is either a form or a *BookingError whose every problem has a
// message in both languages; a form that parses goes through the rules without panicking, and
// what the rules accept satisfies them.
func FuzzBookingFile(f *testing.F) {
	for _, name := range []string{"booking-sample.json", "booking-emergency.json"} {
		if b, err := os.ReadFile(filepath.Join("..", "testdata", name)); err == nil {
			f.Add(b)
		}
	}
	reg := newRegistry(
		[]store.Unit{{ID: "UBND-TINH", Kind: "province"}, {ID: "SO-KHCN", Kind: "agency"}, {ID: "XA-IAGRAI", Kind: "commune"}},
		[]store.BridgePoint{{ID: "UBND-TINH", UnitID: "UBND-TINH", Role: "main"}, {ID: "SO-KHCN", UnitID: "SO-KHCN", Role: "sub"},
			{ID: "XA-IAGRAI", UnitID: "XA-IAGRAI", Role: "sub"}, {ID: "SO-NV", UnitID: "SO-KHCN", Role: "sub"},
			{ID: "PHUONG-PLEIKU", UnitID: "SO-KHCN", Role: "sub"}})
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, Zone())
	cal := DefaultCalendar()
	f.Fuzz(func(t *testing.T, data []byte) {
		form, err := ParseBookingFile(strings.NewReader(string(data)))
		if err != nil {
			var be *BookingError
			if !errors.As(err, &be) || len(be.Problems) == 0 {
				t.Fatalf("error %v is not a *BookingError with problems", err)
			}
			for _, p := range be.Problems {
				if strings.Contains(bt("en", p.Reason, p.Args...), "%!") || strings.Contains(bt("vi", p.Reason, p.Args...), "%!") {
					t.Fatalf("problem %+v formats badly", p)
				}
			}
			return
		}
		b, perr := cal.checkForm(form, reg, now, true)
		if perr != nil {
			if len(perr.Problems) == 0 {
				t.Fatal("refused with no problem")
			}
			return
		}
		if !b.EndsAt.After(b.StartsAt) || !b.StartsAt.After(now) || b.RoomBP == "" || len(b.Points) == 0 {
			t.Fatalf("accepted a booking that breaks the rules: %+v", b)
		}
		if b.Emergency == "" && !cal.BookingOnTime(now, b.StartsAt) {
			t.Fatalf("accepted a late booking: %+v", b)
		}
	})
}
