package mcu

import "testing"

// TestGrade checks the grade table: loss bands, and one step lower on high jitter or RTT.
func TestGrade(t *testing.T) {
	tests := []struct {
		loss, jitter, rtt float64
		want              string
	}{
		{0, 0, 0, GradeGood},
		{0.99, 40, 400, GradeGood}, // thresholds are strict
		{1, 0, 0, GradeFair},
		{2.99, 0, 0, GradeFair},
		{3, 0, 0, GradePoor},
		{9.99, 0, 0, GradePoor},
		{10, 0, 0, GradeBad},
		{55, 0, 0, GradeBad},
		{0, 40.1, 0, GradeFair},
		{0, 0, 400.1, GradeFair},
		{0.5, 80, 900, GradeFair}, // one step, not two
		{1.5, 50, 0, GradePoor},
		{5, 0, 500, GradeBad},
		{20, 100, 1000, GradeBad}, // no step below bad
	}
	for _, tc := range tests {
		if got := grade(tc.loss, tc.jitter, tc.rtt); got != tc.want {
			t.Errorf("grade(loss %v, jitter %v, rtt %v) = %q, want %q", tc.loss, tc.jitter, tc.rtt, got, tc.want)
		}
	}
}
