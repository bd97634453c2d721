package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/endpoints"
	"diemcau/store"
)

// TestBenchRegistryImports checks that the bench's generated registry is valid import input.
func TestBenchRegistryImports(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "bench.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg := endpoints.NewRegistry(st)
	n, err := reg.Import(ctx, strings.NewReader(RegistryCSV(160)), "vi")
	if err != nil || n != 160 {
		t.Fatalf("imported %d: %v", n, err)
	}
	bp, err := reg.BridgePoint(ctx, ID(0))
	if err != nil || bp.Role != "main" {
		t.Fatalf("main: %+v %v", bp, err)
	}
	if _, err := reg.BridgePoint(ctx, ID(159)); err != nil {
		t.Fatal(err)
	}
}

func TestPercentileMs(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		out := make([]time.Duration, len(v))
		for i, x := range v {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		in   []time.Duration
		p    float64
		want float64
	}{
		{nil, 50, 0},
		{ms(7), 99, 7},
		{ms(5, 1, 3, 2, 4), 50, 3},
		{ms(5, 1, 3, 2, 4), 100, 5},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90, 9},
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10},
	}
	for _, tc := range tests {
		if got := percentileMs(tc.in, tc.p); got != tc.want {
			t.Errorf("p%.0f of %v = %v, want %v", tc.p, tc.in, got, tc.want)
		}
	}
}

// TestBenchProcReads reads this process's own CPU time and RSS the way the bench reads the MCU's.
func TestBenchProcReads(t *testing.T) {
	b := &benchMCU{cmd: nil}
	b.pidOverride = os.Getpid()
	user, sys, err := b.cpuTimes()
	if err != nil {
		t.Fatal(err)
	}
	cpu := user + sys
	rss, err := b.rssBytes()
	if err != nil {
		t.Fatal(err)
	}
	if cpu <= 0 || rss < 1<<20 {
		t.Fatalf("cpu %v rss %d", cpu, rss)
	}
	if la, err := loadAverage(); err != nil || la < 0 {
		t.Fatalf("load average %v: %v", la, err)
	}
}
