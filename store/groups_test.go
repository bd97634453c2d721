package store

import (
	"context"
	"errors"
	"testing"
)

// TestSaveSiteGroupsAllOrNothing: groups are written with their members in order and the
// audit row; a group naming an unknown bridge point refuses the whole batch; create and
// update modes refuse an existing and a missing id.
func TestSaveSiteGroupsAllOrNothing(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	audit := AuditEntry{Actor: "t", Action: "group_import"}
	good := SiteGroup{ID: "a", Name: "A", Members: []string{"XA-DAKDOA", "XA-IAGRAI"}, UpdatedBy: "t"}
	if err := s.SaveSiteGroups(ctx, []SiteGroup{good}, GroupCreate, audit); err != nil {
		t.Fatal(err)
	}
	bad := SiteGroup{ID: "b", Name: "B", Members: []string{"KHONG-CO"}, UpdatedBy: "t"}
	changed := good
	changed.Members = []string{"XA-IAGRAI"}
	if err := s.SaveSiteGroups(ctx, []SiteGroup{changed, bad}, GroupUpsert, audit); err == nil {
		t.Fatal("a group of an unknown bridge point was saved")
	}
	gs, err := s.SiteGroups(ctx)
	if err != nil || len(gs) != 1 || len(gs[0].Members) != 2 || gs[0].Members[0] != "XA-DAKDOA" {
		t.Fatalf("after the refused batch: %+v, %v", gs, err)
	}
	if err := s.SaveSiteGroups(ctx, []SiteGroup{good}, GroupCreate, audit); !errors.Is(err, ErrExists) {
		t.Fatalf("create twice = %v", err)
	}
	if err := s.SaveSiteGroups(ctx, []SiteGroup{bad}, GroupUpdate, audit); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update of a missing group = %v", err)
	}
	if n := countRows(t, s, "audit_log"); n != 1 {
		t.Fatalf("%d audit rows, want 1", n)
	}
}
