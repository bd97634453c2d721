package tui

import (
	"testing"
	"time"

	"diemcau/meeting"
)

func TestGrade(t *testing.T) {
	tests := []struct {
		loss float64
		want Grade
	}{{0, GradeGood}, {0.99, GradeGood}, {1, GradeFair}, {2.9, GradeFair}, {3, GradePoor}, {9.9, GradePoor}, {10, GradeBad}, {80, GradeBad}}
	for _, tt := range tests {
		if got := gradeOf(tt.loss); got != tt.want {
			t.Errorf("gradeOf(%v) = %d, want %d", tt.loss, got, tt.want)
		}
	}
}

func TestLevelMeter(t *testing.T) {
	tests := []struct {
		level, width int
		want         string
	}{{0, 6, "▯▯▯▯▯▯"}, {50, 6, "▮▮▮▯▯▯"}, {100, 6, "▮▮▮▮▮▮"}, {250, 4, "▮▮▮▮"}, {-3, 2, "▯▯"}}
	for _, tt := range tests {
		got := levelMeter(tt.level, tt.width)
		if got != tt.want || cells(got) != tt.width {
			t.Errorf("levelMeter(%d, %d) = %q (%d cells)", tt.level, tt.width, got, cells(got))
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Xã Đak Đoa": "xa dak doa", "Chư Păh": "chu pah", "Ủy ban": "uy ban", "Ia Grai": "ia grai",
		"Phường": "phuong", "Ia Gra\u0300i": "ia grai",
	}
	for in, want := range tests {
		if got := meeting.Fold(in); got != want {
			t.Errorf("meeting.Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClocks(t *testing.T) {
	if got := clock(3*time.Hour + 4*time.Minute + 5*time.Second); got != "03:04:05" {
		t.Errorf("clock = %q", got)
	}
	if got := minSec(75 * time.Minute); got != "75:00" {
		t.Errorf("minSec = %q", got)
	}
	if got := fit("Xã Đak Đoa", 6, false); cells(got) != 6 {
		t.Errorf("fit = %q", got)
	}
}

// TestCatalogueComplete: every key of catalog.go's block has an entry. (That every entry has
// both languages with the same verbs is the one catalogue test's, in the root package.)
func TestCatalogueComplete(t *testing.T) {
	for k := consoleKey(0); k <= txtKeyApply; k++ {
		if _, ok := catalogue.Lookup("vi", k); !ok {
			t.Errorf("key %d has no text", k)
		}
	}
}
