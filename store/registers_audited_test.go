package store

import (
	"context"
	"testing"
)

// TestRegistersAuditedOneTransaction: each audited change to the registers is written with its
// audit row or not at all — an audit row the database refuses (no actor) takes the change
// back with it, and a valid one lands beside the change.
func TestRegistersAuditedOneTransaction(t *testing.T) {
	ctx := context.Background()
	s := withRegistry(t)
	bad := AuditEntry{At: at(0), Action: "x"} // no actor: the CHECK refuses it
	newUnit := []Unit{{ID: "XA-MOI", Name: "Xã Mới", Kind: "commune"}}
	newBP := []BridgePoint{{ID: "XA-MOI", Name: "Xã Mới", UnitID: "XA-MOI", Role: "sub"}}
	ha1 := "0123456789abcdef0123456789abcdef"
	tech := Technician{Name: "Lê Văn E", UnitID: "XA-IAGRAI"}
	if err := s.ImportRegistryAudited(ctx, newUnit, newBP, bad); err == nil {
		t.Error("registry import with a refused audit row succeeded")
	}
	if _, err := s.BridgePoint(ctx, "XA-MOI"); err == nil {
		t.Error("registry import kept without its audit row")
	}
	if err := s.SetJoinCredentialAudited(ctx, "XA-IAGRAI", "hash", ha1, bad); err == nil {
		t.Error("rotation with a refused audit row succeeded")
	}
	if bp, _ := s.BridgePoint(ctx, "XA-IAGRAI"); bp.SecretHash != "" {
		t.Errorf("secret hash %q kept without its audit row", bp.SecretHash)
	}
	if err := s.SetSIPAddressTrustAudited(ctx, "XA-IAGRAI", true, bad); err == nil {
		t.Error("SIP trust with a refused audit row succeeded")
	}
	if c, _ := s.SIPCredential(ctx, "XA-IAGRAI"); c.TrustAddress {
		t.Error("SIP trust kept without its audit row")
	}
	if _, err := s.AddTechnicianAudited(ctx, tech, bad); err == nil {
		t.Error("technician added with a refused audit row")
	}
	if ts, _ := s.Technicians(ctx); len(ts) != 0 {
		t.Errorf("technician kept without its audit row: %+v", ts)
	}
	if rows, _ := s.AuditLog(ctx, 0); len(rows) != 0 {
		t.Fatalf("audit rows after refused changes: %+v", rows)
	}

	ok := func(action, bp, detail string) AuditEntry {
		return AuditEntry{At: at(0), Actor: "cli:an", Action: action, BridgePoint: bp, Detail: detail}
	}
	if err := s.ImportRegistryAudited(ctx, newUnit, newBP, ok("registry_import", "", "units=1 bridge_points=1")); err != nil {
		t.Fatal(err)
	}
	if err := s.SetJoinCredentialAudited(ctx, "XA-MOI", "hash", ha1, ok("secret_rotate", "XA-MOI", "")); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSIPAddressTrustAudited(ctx, "XA-MOI", true, ok("sip_trust", "XA-MOI", "on")); err != nil {
		t.Fatal(err)
	}
	id, err := s.AddTechnicianAudited(ctx, tech, ok("technician_add", "", "Lê Văn E (XA-IAGRAI)"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddTechnicianAudited(ctx, tech, ok("technician_add", "", "again")); err == nil {
		t.Error("the same technician added twice")
	}
	rows, err := s.AuditLog(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"registry_import", "secret_rotate", "sip_trust", "technician_add"}
	if len(rows) != len(want) {
		t.Fatalf("audit rows %+v, want %v", rows, want)
	}
	for i, a := range want {
		if rows[i].Action != a || rows[i].Actor != "cli:an" {
			t.Errorf("row %d = %+v, want %s", i, rows[i], a)
		}
	}
	if rows[3].Detail != "technician "+itoa(id)+": Lê Văn E (XA-IAGRAI)" {
		t.Errorf("technician row detail %q", rows[3].Detail)
	}
}

// TestBookingLinkAuditedOneTransaction: linking a booking to its meeting lands with its audit row
// or not at all.
func TestBookingLinkAuditedOneTransaction(t *testing.T) {
	ctx := context.Background()
	s := withRegistry(t)
	mid, err := s.CreateMeeting(ctx, Meeting{Title: "Họp", HostUnit: "SO-KHCN", StartedAt: at(0)}, []string{"XA-IAGRAI"})
	if err != nil {
		t.Fatal(err)
	}
	bid, err := s.AddBooking(ctx, sampleBooking(at(0)), []AuditEntry{{Actor: "t", Action: "booking_add"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	audits := countRows(t, s, "audit_log")
	if err := s.LinkBookingMeetingAudited(ctx, bid, mid, AuditEntry{At: at(0), MeetingID: mid, Action: "booking_link"}); err == nil {
		t.Fatal("link with a refused audit row (no actor) succeeded")
	}
	if b, err := s.Booking(ctx, bid); err != nil || b.MeetingID != 0 {
		t.Fatalf("booking %+v kept its link without the audit row (err %v)", b, err)
	}
	if n := countRows(t, s, "audit_log"); n != audits {
		t.Fatalf("audit rows %d → %d after a refused link", audits, n)
	}
	if err := s.LinkBookingMeetingAudited(ctx, bid, mid, AuditEntry{At: at(0), MeetingID: mid, Actor: "an", Action: "booking_link"}); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Booking(ctx, bid); b.MeetingID != mid {
		t.Fatalf("booking linked to %d, want %d", b.MeetingID, mid)
	}
	if n := countRows(t, s, "audit_log"); n != audits+1 {
		t.Fatalf("audit rows %d → %d after the link, want one more", audits, n)
	}
	if err := s.LinkBookingMeetingAudited(ctx, 9999, mid, AuditEntry{At: at(0), MeetingID: mid, Actor: "an", Action: "booking_link"}); err == nil {
		t.Fatal("linked an unknown booking")
	}
}
