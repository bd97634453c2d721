package store

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestImportRegistryRoundTrip(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	bp, err := s.BridgePoint(ctx, "XA-IAGRAI")
	if err != nil {
		t.Fatal(err)
	}
	want := sampleBridgePoints()[0]
	if bp != want {
		t.Fatalf("BridgePoint = %+v, want %+v", bp, want)
	}
	if _, err := s.BridgePoint(ctx, "KHONG-CO"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown bridge point: err = %v, want ErrNotFound", err)
	}
}

// Main first, then province, agency, ward, commune; names in Vietnamese order (Chư < Đak < Ia).
func TestBridgePointsOrder(t *testing.T) {
	s := withRegistry(t)
	bps, err := s.BridgePoints(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, bp := range bps {
		ids = append(ids, bp.ID)
	}
	want := []string{"UBND-TINH", "SO-KHCN", "PHUONG-PLEIKU", "XA-CHUPAH", "XA-DAKDOA", "XA-IAGRAI"}
	if !slices.Equal(ids, want) {
		t.Fatalf("order = %v, want %v", ids, want)
	}
	units, err := s.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 6 || units[0].ID != "UBND-TINH" || units[1].ID != "SO-KHCN" || units[2].ID != "PHUONG-PLEIKU" {
		t.Fatalf("units order = %+v", units)
	}
}

func TestImportRegistryIsAllOrNothing(t *testing.T) {
	cases := map[string]func(us []Unit, bps []BridgePoint) ([]Unit, []BridgePoint){
		"unknown unit (FK)": func(us []Unit, bps []BridgePoint) ([]Unit, []BridgePoint) {
			bps[3].UnitID = "KHONG-CO"
			return us, bps
		},
		"bad role (CHECK)": func(us []Unit, bps []BridgePoint) ([]Unit, []BridgePoint) {
			bps[2].Role = "chair"
			return us, bps
		},
		"bad unit kind (CHECK)": func(us []Unit, bps []BridgePoint) ([]Unit, []BridgePoint) {
			us[4].Kind = "district"
			return us, bps
		},
		"two mains (unique index)": func(us []Unit, bps []BridgePoint) ([]Unit, []BridgePoint) {
			bps[1].Role = "main"
			return us, bps
		},
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			s, _ := openTemp(t)
			us, bps := spoil(sampleUnits(), sampleBridgePoints())
			if err := s.ImportRegistry(context.Background(), us, bps); err == nil {
				t.Fatal("ImportRegistry accepted a bad batch")
			}
			if n, m := countRows(t, s, "units"), countRows(t, s, "bridge_points"); n != 0 || m != 0 {
				t.Fatalf("after a failed import: %d units, %d bridge points; want none", n, m)
			}
		})
	}
}

func TestReimportKeepsSecretAndMovesMain(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	if err := s.SetSecretHash(ctx, "XA-IAGRAI", "sha256:abc"); err != nil {
		t.Fatal(err)
	}
	bps := sampleBridgePoints()
	bps[0].Name = "Xã Ia Grai (mới)"
	// The main bridge point moves from UBND-TINH to SO-KHCN; the new main comes first in the batch.
	bps[4].Role, bps[5].Role = "main", "sub"
	bps[4], bps[5] = bps[5], bps[4]
	if err := s.ImportRegistry(ctx, sampleUnits(), bps); err != nil {
		t.Fatalf("reimport: %v", err)
	}
	bp, err := s.BridgePoint(ctx, "XA-IAGRAI")
	if err != nil || bp.SecretHash != "sha256:abc" || bp.Name != "Xã Ia Grai (mới)" {
		t.Fatalf("after reimport: %+v, %v", bp, err)
	}
	all, _ := s.BridgePoints(ctx)
	if all[0].ID != "SO-KHCN" || all[0].Role != "main" {
		t.Fatalf("main after reimport = %+v", all[0])
	}
	if err := s.SetSecretHash(ctx, "KHONG-CO", "sha256:x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SetSecretHash unknown: %v", err)
	}
	if err := s.SetSecretHash(ctx, "XA-IAGRAI", ""); err != nil {
		t.Fatal(err)
	}
	if bp, _ := s.BridgePoint(ctx, "XA-IAGRAI"); bp.SecretHash != "" {
		t.Fatalf("revoked secret still there: %q", bp.SecretHash)
	}
}

func TestTechnicians(t *testing.T) {
	s := withRegistry(t)
	ctx := context.Background()
	in := []Technician{
		{Name: "Trần Thị Bình", UnitID: "XA-IAGRAI", Phone: "0905000001", Trained: true},
		{Name: "Nguyễn Văn An", UnitID: "SO-KHCN", Email: "an@gialai.gov.vn", Trained: true},
	}
	for _, tech := range in {
		if _, err := s.AddTechnician(ctx, tech); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.AddTechnician(ctx, Technician{Name: "Ai đó", UnitID: "KHONG-CO"}); err == nil {
		t.Fatal("technician of an unknown unit accepted")
	}
	if _, err := s.AddTechnician(ctx, Technician{UnitID: "SO-KHCN"}); err == nil {
		t.Fatal("technician without a name accepted")
	}
	got, err := s.Technicians(ctx)
	if err != nil || len(got) != 2 {
		t.Fatalf("Technicians = %+v, %v", got, err)
	}
	if got[0].UnitID != "SO-KHCN" || !got[0].Trained || got[1].Phone != "0905000001" || got[0].ID == 0 {
		t.Fatalf("Technicians = %+v", got)
	}
}
