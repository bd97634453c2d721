package mcu

// Link grades of Quality.Grade, best first.
const (
	GradeGood = "good" // loss under 1 %
	GradeFair = "fair" // loss under 3 %
	GradePoor = "poor" // loss under 10 %
	GradeBad  = "bad"  // loss of 10 % or more
)

// Thresholds that lower a link's grade by one step.
const (
	gradeJitterMs = 40
	gradeRTTMs    = 400
)

var gradeSteps = [...]string{GradeGood, GradeFair, GradePoor, GradeBad}

// grade rates a link from its loss, then one step lower when jitter or RTT is high.
func grade(lossPct, jitterMs, rttMs float64) string {
	step := 3
	switch {
	case lossPct < 1:
		step = 0
	case lossPct < 3:
		step = 1
	case lossPct < 10:
		step = 2
	}
	if jitterMs > gradeJitterMs || rttMs > gradeRTTMs {
		step = min(step+1, len(gradeSteps)-1)
	}
	return gradeSteps[step]
}
