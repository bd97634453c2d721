package meeting

import "diemcau/store"

// TestChange is one checklist item whose outcome differs from the result saved before.
type TestChange struct {
	Item       TestItem
	Was, IsNow bool // passed before, passes now
}

// TestChanges lists the items of items whose outcome differs from prev, in checklist order;
// an item prev lacks counts as not passed before.
func TestChanges(prev store.TestResult, items []ItemResult) []TestChange {
	was := map[string]bool{}
	for _, it := range prev.Items {
		was[it.Item] = it.Passed
	}
	var out []TestChange
	for _, it := range items {
		if w := was[string(it.Item)]; w != it.Passed {
			out = append(out, TestChange{Item: it.Item, Was: w, IsNow: it.Passed})
		}
	}
	return out
}

// SavedTicks are the manual items a saved result ticked, for a view reopened on it.
func SavedTicks(r store.TestResult) map[TestItem]bool {
	out := map[TestItem]bool{}
	for _, it := range r.Items {
		if !it.Measured && it.Passed {
			out[TestItem(it.Item)] = true
		}
	}
	return out
}
