package meeting

import (
	"strings"
	"testing"
)

// TestBookingCatalogComplete: both languages have the same keys, every step has a name and a
// due label, and no string is empty.
func TestBookingCatalogComplete(t *testing.T) {
	vi, en := bookingText["vi"], bookingText["en"]
	for k, v := range vi {
		if e, ok := en[k]; !ok || e == "" || v == "" {
			t.Errorf("key %q: vi %q, en %q", k, v, e)
		}
	}
	for k := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("key %q only in English", k)
		}
	}
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
