package meeting

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseBookingFileErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text, field, vi string
	}{
		{"unknown field", `{"kind": "b", "hots_unit": "SO-KHCN"}`, "hots_unit", "không có trong mẫu"},
		{"wrong type", `{"kind": "b", "bridge_points": [{"id": "XA-IAGRAI", "attendees": "mười"}]}`, "bridge_points.attendees", "sai kiểu"},
		{"needs as text", `{"needs": {"projector": "có"}}`, "needs.projector", "dòng 1, cột 25: sai kiểu giá trị, cần true hoặc false, có một chuỗi"},
		{"syntax on line 3", "{\n  \"kind\": \"b\",\n  \"content\": \"x\" \"y\"\n}", "", "dòng 3"},
		{"two forms", `{"kind": "b"} {"kind": "a"}`, "", "mỗi tệp một phiếu"},
		{"empty", ``, "", "tệp trống"},
		{"cut short", `{"kind": "b", "bridge_points": [`, "", "cắt ngang"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseBookingFile(strings.NewReader(tc.text))
			var be *BookingError
			if !errors.As(err, &be) || len(be.Problems) != 1 {
				t.Fatalf("error = %v", err)
			}
			if be.Problems[0].Field != tc.field || !strings.Contains(be.Error(), tc.vi) {
				t.Fatalf("field %q, message:\n%s", be.Problems[0].Field, be.Error())
			}
		})
	}
}

// TestSampleBookingFiles: the samples in testdata/ parse and, at a date before them, pass the
// rules against the sample registry's IDs.
func TestSampleBookingFiles(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 11, 26, 9, 0))
	for _, name := range []string{"booking-sample.json", "booking-emergency.json"} {
		fh, err := os.Open(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := ParseBookingFile(fh)
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, _, err = d.Register(ctx, f, Filing{Actor: "tester"})
		// The test registry lacks SO-NV's room name but has every ID the samples use.
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	bs, _ := d.Store.Bookings(ctx)
	if len(bs) != 2 || bs[0].Emergency != "flood" || bs[0].RoomBP != "UBND-TINH" || bs[1].RoomBP != "SO-KHCN" || len(bs[1].Points) != 3 {
		t.Fatalf("bookings = %+v", bs)
	}
}

func TestFormRoundTripThroughJSON(t *testing.T) {
	f := form("2026-03-20 08:00", "2026-03-20 10:00")
	f.Emergency = &Emergency{Kind: "storm"}
	got, err := ParseBookingFile(strings.NewReader(formJSON(t, f)))
	if err != nil {
		t.Fatal(err)
	}
	if got.Start != f.Start || got.Emergency.Kind != "storm" || !slices.Equal(got.BridgePoints, f.BridgePoints) {
		t.Fatalf("round trip = %+v", got)
	}
}
