package live

import (
	"context"
	"errors"
	"strings"
	"testing"

	"diemcau/endpoints"
	"diemcau/store"
)

// registerDesk is the control center's desk over a real store holding UBND, XA-1 and XA-2,
// with no meeting live.
func registerDesk(t *testing.T) (*Desk, *store.Store) {
	t.Helper()
	st, _, log := liveRig(t)
	return New(Config{Store: st, Log: log}).As(Identity{Actor: "cli:an", Role: RoleControl}), st
}

// auditRows is the whole audit log, every meeting's and none's.
func auditRows(t *testing.T, st *store.Store) []store.AuditEntry {
	t.Helper()
	rows, err := st.AuditLog(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// registrySize is how many bridge points and units the store holds.
func registrySize(t *testing.T, st *store.Store) (bridgePoints, units int) {
	t.Helper()
	bps, err := st.BridgePoints(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	us, err := st.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return len(bps), len(us)
}

const registryHeader = "id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\n"

// TestRegistryImportAuditedWithCounts: an import writes one registry_import row by its actor
// with how many units and bridge points the file held, in the import's transaction.
func TestRegistryImportAuditedWithCounts(t *testing.T) {
	ctx := context.Background()
	d, st := registerDesk(t)
	n, err := d.ImportBridgePoints(ctx, strings.NewReader(registryHeader+
		"XA-4,Xã 4,XA-4,Xã 4,commune,sub,,,10.60.9.4\nXA-5,Xã 5,XA-5,Xã 5,commune,sub,,,\nXA-6,Xã 5 điểm 2,XA-5,Xã 5,commune,sub,,,\n"), "vi")
	if err != nil || n != 3 {
		t.Fatalf("import = %d, %v", n, err)
	}
	rows := auditRows(t, st)
	if len(rows) != 1 || rows[0].Action != string(ActionRegistryImport) || rows[0].Actor != "cli:an" || rows[0].MeetingID != 0 {
		t.Fatalf("audit after an import: %+v", rows)
	}
	if got, err := ParseRegistryImportDetail(rows[0].Detail); err != nil || got != (RegistryImportDetail{Units: 2, BridgePoints: 3}) {
		t.Errorf("import detail %q = %+v %v, want 2 units and 3 bridge points", rows[0].Detail, got, err)
	}
}

// TestFailedRegistryImportWritesNothing: a file with one bad line among good ones is refused
// whole — no unit, no bridge point and no audit row written.
func TestFailedRegistryImportWritesNothing(t *testing.T) {
	ctx := context.Background()
	d, st := registerDesk(t)
	bps, units := registrySize(t, st)
	_, err := d.ImportBridgePoints(ctx, strings.NewReader(registryHeader+
		"XA-4,Xã 4,XA-4,Xã 4,commune,sub,,,10.60.9.4\nXA-5,Xã 5,XA-5,Xã 5,commune,sub,,,10.60.999.5\n"), "en")
	var ie *endpoints.ImportError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Line != 3 {
		t.Fatalf("a bad device_ip on line 3 gave %v, want an import error naming the line", err)
	}
	if bpsAfter, unitsAfter := registrySize(t, st); bpsAfter != bps || unitsAfter != units {
		t.Errorf("a refused file wrote rows: bridge points %d → %d, units %d → %d", bps, bpsAfter, units, unitsAfter)
	}
	if rows := auditRows(t, st); len(rows) != 0 {
		t.Errorf("a refused file was audited: %+v", rows)
	}
}

// TestRotateAuditHoldsNoSecret: a rotated join secret is audited by its actor for its bridge
// point, and no audit row holds the secret, its stored hash or its SIP digest HA1; rotating an
// unknown bridge point writes no row.
func TestRotateAuditHoldsNoSecret(t *testing.T) {
	ctx := context.Background()
	d, st := registerDesk(t)
	secret, err := d.RotateSecret(ctx, "XA-1")
	if err != nil || secret == "" {
		t.Fatalf("rotate = %q, %v", secret, err)
	}
	bp, err := st.BridgePoint(ctx, "XA-1")
	if err != nil {
		t.Fatal(err)
	}
	cred, err := st.SIPCredential(ctx, "XA-1")
	if err != nil {
		t.Fatal(err)
	}
	if bp.SecretHash == "" || cred.HA1 == "" {
		t.Fatalf("rotation stored hash %q HA1 %q", bp.SecretHash, cred.HA1)
	}
	rows := auditRows(t, st)
	if len(rows) != 1 || rows[0].Action != string(ActionSecretRotate) || rows[0].Actor != "cli:an" || rows[0].BridgePoint != "XA-1" {
		t.Fatalf("audit after a rotation: %+v", rows)
	}
	for _, e := range rows {
		for _, field := range []string{e.Actor, e.Action, e.BridgePoint, e.Detail} {
			for name, s := range map[string]string{"secret": secret, "hash": bp.SecretHash, "HA1": cred.HA1} {
				if strings.Contains(field, s) {
					t.Errorf("audit row %+v holds the %s", e, name)
				}
			}
		}
	}
	if _, err := d.RotateSecret(ctx, "XA-9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("rotating an unknown bridge point gave %v, want ErrNotFound", err)
	}
	if got := auditRows(t, st); len(got) != 1 {
		t.Errorf("a failed rotation was audited: %+v", got[1:])
	}
}

// TestSIPTrustAudited: turning address trust on and off writes sip_trust "on" then "off" for
// the bridge point; an unknown bridge point changes nothing and writes no row.
func TestSIPTrustAudited(t *testing.T) {
	ctx := context.Background()
	d, st := registerDesk(t)
	for _, on := range []bool{true, false} {
		if err := d.SetSIPAddressTrust(ctx, "XA-2", on); err != nil {
			t.Fatal(err)
		}
		if c, err := st.SIPCredential(ctx, "XA-2"); err != nil || c.TrustAddress != on {
			t.Fatalf("trust %v stored as %+v %v", on, c, err)
		}
	}
	rows := auditRows(t, st)
	if len(rows) != 2 {
		t.Fatalf("audit after trust on and off: %+v", rows)
	}
	for i, want := range []string{"on", "off"} {
		if e := rows[i]; e.Action != string(ActionSIPTrust) || e.Actor != "cli:an" || e.BridgePoint != "XA-2" || e.Detail != want {
			t.Errorf("row %d = %+v, want sip_trust %q for XA-2", i, e, want)
		}
	}
	if err := d.SetSIPAddressTrust(ctx, "XA-9", true); !errors.Is(err, ErrNotFound) {
		t.Errorf("trusting an unknown bridge point gave %v, want ErrNotFound", err)
	}
	if got := auditRows(t, st); len(got) != 2 {
		t.Errorf("a refused trust was audited: %+v", got[2:])
	}
}
