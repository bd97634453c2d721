package meeting

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestConcurrentEditsRefuseTheSecond: two technicians open booking #1 and save; the first
// save wins, the second is refused with what the first changed, and nothing of it is written.
func TestConcurrentEditsRefuseTheSecond(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	id, _, err := d.Register(ctx, form("2026-03-16 08:00", "2026-03-16 10:00"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	opened, _ := d.Store.Booking(ctx, id)
	a, b := opened, opened
	fa := form("2026-03-16 08:00", "2026-03-16 10:00")
	fa.Content = "Chuyển đổi số — bản của An"
	if _, err := d.Edit(ctx, id, fa, Filing{Actor: "an", Base: &a}); err != nil {
		t.Fatalf("first save: %v", err)
	}
	fb := form("2026-03-16 08:00", "2026-03-16 10:00", "XA-IAGRAI")
	fb.Content = "Chuyển đổi số — bản của Bình"
	_, err = d.Edit(ctx, id, fb, Filing{Actor: "binh", Base: &b})
	var se *StaleError
	if !errors.As(err, &se) {
		t.Fatalf("second save = %v, want *StaleError", err)
	}
	msg := se.Message("vi")
	for _, want := range []string{"#1", "an", "không ghi gì", "3. Nội dung cuộc họp",
		"«Chuyển đổi số cấp xã» → «Chuyển đổi số — bản của An»"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if en := se.Message("en"); !strings.Contains(en, "nothing was written") || !strings.Contains(en, "3. Content") {
		t.Errorf("English message:\n%s", en)
	}
	got, _ := d.Store.Booking(ctx, id)
	if got.Content != fa.Content || len(got.Points) != 2 || got.Version != 2 || got.UpdatedBy != "an" {
		t.Fatalf("stored after the refused save: %+v", got)
	}
	// Reopened, the second technician's save goes through.
	if _, err := d.Edit(ctx, id, fb, Filing{Actor: "binh", Base: &got}); err != nil {
		t.Fatalf("save after reopening: %v", err)
	}
}

// TestPointNamedAsSaid: a sub bridge point named as people say it ("Xã Ia Grai", "phường
// pleiku") is the registry's "UBND xã Ia Grai" and "UBND phường Pleiku".
func TestPointNamedAsSaid(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	id, _, err := d.Register(ctx, form("2026-03-16 08:00", "2026-03-16 10:00", "Xã Ia Grai", "phuong pleiku"), Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := d.Store.Booking(ctx, id)
	if len(b.Points) != 2 || b.Points[0].BridgePoint != "XA-IAGRAI" || b.Points[1].BridgePoint != "PHUONG-PLEIKU" {
		t.Fatalf("points = %+v", b.Points)
	}
}
