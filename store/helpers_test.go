package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// openTemp opens a fresh store in a real file under t.TempDir().
func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "diemcau.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// sampleUnits and sampleBridgePoints are a tiny registry: the province room and two sites.
func sampleUnits() []Unit {
	return []Unit{
		{ID: "UBND-TINH", Name: "Ủy ban nhân dân tỉnh Gia Lai", Kind: "province"},
		{ID: "SO-KHCN", Name: "Sở Khoa học và Công nghệ", Kind: "agency"},
		{ID: "XA-IAGRAI", Name: "Xã Ia Grai", Kind: "commune"},
		{ID: "PHUONG-PLEIKU", Name: "Phường Pleiku", Kind: "ward"},
		{ID: "XA-DAKDOA", Name: "Xã Đak Đoa", Kind: "commune"},
		{ID: "XA-CHUPAH", Name: "Xã Chư Păh", Kind: "commune"},
	}
}

func sampleBridgePoints() []BridgePoint {
	return []BridgePoint{
		{ID: "XA-IAGRAI", Name: "Xã Ia Grai", UnitID: "XA-IAGRAI", Role: "sub", DeviceIP: "10.20.1.5"},
		{ID: "XA-DAKDOA", Name: "Xã Đak Đoa", UnitID: "XA-DAKDOA", Role: "sub"},
		{ID: "XA-CHUPAH", Name: "Xã Chư Păh", UnitID: "XA-CHUPAH", Role: "sub"},
		{ID: "PHUONG-PLEIKU", Name: "Phường Pleiku", UnitID: "PHUONG-PLEIKU", Role: "sub"},
		{ID: "SO-KHCN", Name: "Sở Khoa học và Công nghệ", UnitID: "SO-KHCN", Role: "sub", Room: "Phòng họp tầng 3"},
		{ID: "UBND-TINH", Name: "Phòng họp UBND tỉnh", UnitID: "UBND-TINH", Role: "main", Address: "Pleiku"},
	}
}

// withRegistry opens a store holding the sample registry.
func withRegistry(t *testing.T) *Store {
	t.Helper()
	s, _ := openTemp(t)
	if err := s.ImportRegistry(context.Background(), sampleUnits(), sampleBridgePoints()); err != nil {
		t.Fatalf("ImportRegistry: %v", err)
	}
	return s
}

// at returns a fixed instant plus d, at millisecond precision (what the store keeps).
func at(d time.Duration) time.Time {
	return time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC).Add(d)
}

// countRows counts the rows of a table.
func countRows(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func mkdirAll(dir string) error { return os.MkdirAll(dir, 0o755) }

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
