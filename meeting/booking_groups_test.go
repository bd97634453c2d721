package meeting

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"diemcau/store"
)

// TestBookingFormGroups: a kind-a form books "tat-ca-xa-phuong" with one site overridden; the
// booking holds every commune and ward, in the group's order, and nothing else, the override's
// attendees and contact kept; a user group and a name work too.
func TestBookingFormGroups(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	f := form("2026-03-16 08:00", "2026-03-16 10:00")
	f.Kind, f.HostUnit = "a", "UBND-TINH"
	f.BridgePoints = []FormPoint{{ID: "Xã Ia Grai", Attendees: 30, Contact: Person{Name: "Rơ Chăm H'Nhi", Phone: "0987"}}}
	f.Groups = []string{"tat-ca-xa-phuong"}
	id, _, err := d.Register(ctx, f, Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := d.Store.Booking(ctx, id)
	var got []string
	for _, p := range b.Points {
		got = append(got, p.BridgePoint)
	}
	if slices.Sort(got); strings.Join(got, " ") != "PHUONG-PLEIKU XA-DAKDOA XA-IAGRAI" {
		t.Fatalf("expanded points = %v, want every commune and ward", got)
	}
	over := b.Points[slices.IndexFunc(b.Points, func(p store.BookingPoint) bool { return p.BridgePoint == "XA-IAGRAI" })]
	if over.Attendees != 30 || over.ContactName != "Rơ Chăm H'Nhi" || b.Points[0].Attendees+b.Points[1].Attendees+b.Points[2].Attendees != 30 {
		t.Fatalf("override lost: %+v", b.Points)
	}
	// The whole registry leaves the host's room out, silently.
	g := form("2026-03-17 08:00", "2026-03-17 10:00")
	g.Kind, g.HostUnit, g.BridgePoints, g.Groups = "a", "UBND-TINH", nil, []string{"toàn bộ danh mục"}
	id, _, err = d.Register(ctx, g, Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := d.Store.Booking(ctx, id); len(b.Points) != 5 || b.RoomBP != "UBND-TINH" {
		t.Fatalf("whole registry: room %s points %+v", b.RoomBP, b.Points)
	}
}

// TestBookingClashThroughGroup: a booking of one commune, then another at the same time for
// every commune: the clash names the commune, by id and name, and nothing is written.
func TestBookingClashThroughGroup(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	if _, _, err := d.Register(ctx, form("2026-03-16 08:00", "2026-03-16 10:00", "XA-DAKDOA"), Filing{Actor: "an"}); err != nil {
		t.Fatal(err)
	}
	f := form("2026-03-16 09:00", "2026-03-16 11:00")
	f.HostUnit, f.BridgePoints, f.Groups = "SO-NV", nil, []string{"tat-ca-xa"}
	_, _, err := d.Register(ctx, f, Filing{Actor: "binh"})
	var ce *ConflictError
	if !errors.As(err, &ce) || len(ce.Conflicts) != 1 {
		t.Fatalf("clash through a group = %v", err)
	}
	if msg := ce.Message("vi"); !strings.Contains(msg, "XA-DAKDOA (UBND xã Đak Đoa)") || strings.Contains(msg, "XA-IAGRAI") {
		t.Fatalf("the clash does not name the shared site:\n%s", msg)
	}
	if n := bookingCount(t, d); n != 1 {
		t.Fatalf("%d bookings after the clash", n)
	}
}

// TestBookingFileErrorsInVietnamese: every problem of a file names where it is: a JSON
// syntax error its line and column, a wrong type its field, line and column, a site its
// position, field and id, with near names for a mistyped id or group.
func TestBookingFileErrorsInVietnamese(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	_, err := ParseBookingFile(strings.NewReader("{\n  \"kind\": \"a\",\n  \"content\": \"x\"\n  \"start\": \"y\"\n}"))
	if msg := errMessage(err); !strings.Contains(msg, "dòng 4, cột 3: lỗi cú pháp JSON, ký tự «\"» không đúng chỗ") {
		t.Errorf("syntax:\n%s", msg)
	}
	_, err = ParseBookingFile(strings.NewReader("{\"bridge_points\": [\n  {\"id\": \"XA-IAGRAI\", \"attendees\": \"mười\"}]}"))
	if msg := errMessage(err); !strings.Contains(msg, "số người tham dự (bridge_points.attendees): dòng 2, cột 36: sai kiểu giá trị, cần một số, có một chuỗi") {
		t.Errorf("type:\n%s", msg)
	}
	f := form("2026-03-16 08:00", "2026-03-16 10:00", "XA-IAGRAI", "XA-IAGRAJ")
	f.BridgePoints[0].Attendees = -3
	f.Groups = []string{"tat-ca-xa-phuog"}
	_, _, err = d.Register(ctx, f, Filing{Actor: "an"})
	msg := errMessage(err)
	for _, want := range []string{
		"điểm cầu nhánh thứ 1 «XA-IAGRAI», số người tham dự (bridge_points[1].attendees): số người tham dự -3 không hợp lệ",
		"điểm cầu nhánh thứ 2 «XA-IAGRAJ», mã điểm cầu (bridge_points[2].id): không có điểm cầu \"XA-IAGRAJ\" trong danh sách; có phải: XA-IAGRAI (UBND xã Ia Grai)?",
		"nhóm thứ 1 (groups[1]): không có nhóm \"tat-ca-xa-phuog\"; có phải: tat-ca-xa-phuong (tất cả xã, phường)",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
	if en := errEnglish(err); !strings.Contains(en, "sub bridge point 2 «XA-IAGRAJ», site id (bridge_points[2].id)") {
		t.Errorf("English:\n%s", en)
	}
}

func errMessage(err error) string {
	var le Localized
	if errors.As(err, &le) {
		return le.Message("vi")
	}
	return ""
}

func errEnglish(err error) string {
	var le Localized
	if errors.As(err, &le) {
		return le.Message("en")
	}
	return ""
}
