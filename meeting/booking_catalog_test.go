package meeting

import (
	"strings"
	"testing"
)

// TestBookingCatalogComplete: every step has a name and a due label. (That every key has both
// languages is the one catalogue test's, in the root package.)
func TestBookingCatalogComplete(t *testing.T) {
	for _, s := range append(stepOrder, StepRegistered, StepLogSubmitted, StepRecordingsDelivered, StepCancelled, StepCompleted) {
		if n := stepName("vi", s); strings.HasPrefix(n, "step.") {
			t.Errorf("step %s has no name", s)
		}
	}
	for _, s := range append(stepOrder, StepLogSubmitted, StepRecordingsDelivered) {
		if n := dueName("en", s); strings.HasPrefix(n, "due.") {
			t.Errorf("step %s has no due label", s)
		}
	}
}
