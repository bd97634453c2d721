package tui

import "testing"

// The one list cursor: ↑↓, page keys, home and end over 10 rows of which 3 fit keep the cursor
// on a row and in sight; a list that shrinks pulls it back onto its last row, in sight.
func TestListCursorMovesAndScrolls(t *testing.T) {
	k := NewKeyMap("vi")
	var c listCursor
	steps := []struct {
		key            string
		cursor, offset int
	}{
		{"up", 0, 0}, {"down", 1, 0}, {"j", 2, 0}, {"down", 3, 1}, {"pgdown", 6, 4}, {"G", 9, 7},
		{"down", 9, 7}, {"pgup", 6, 6}, {"k", 5, 5}, {"end", 9, 7}, {"g", 0, 0}, {"pgup", 0, 0},
	}
	for _, s := range steps {
		if !c.move(k, keyMsg(s.key), 10, 3) {
			t.Fatalf("%s is not a movement key", s.key)
		}
		if c.cursor != s.cursor || c.offset != s.offset {
			t.Fatalf("after %s: cursor %d offset %d, want %d %d", s.key, c.cursor, c.offset, s.cursor, s.offset)
		}
	}
	if c.move(k, keyMsg("x"), 10, 3) {
		t.Error("x moved the cursor")
	}
	c.cursor, c.offset = 9, 7
	c.clamp(4, 3)
	if c.cursor != 3 || c.offset != 3 {
		t.Errorf("after the list shrank to 4: cursor %d offset %d, want 3 3", c.cursor, c.offset)
	}
	c.clamp(0, 3)
	if c.cursor != 0 || c.offset != 0 {
		t.Errorf("empty list: cursor %d offset %d, want 0 0", c.cursor, c.offset)
	}
}

// Every list view moves with the same keys: G and g reach the last and first incident of the
// incident list, which before knew only ↑↓ (the table's page keys now work in every list).
func TestIncidentListPageKeys(t *testing.T) {
	f := newFixture(t, 3)
	m := f.model(t, "vi", 80, 24)
	for _, bp := range []string{"XA-001", "XA-002", "XA-003"} {
		f.draft(t, bp, "mất tín hiệu "+bp, true)
	}
	runCmd(t, m, m.refreshFloor())
	press(t, m, "I")
	l := m.list()
	if l == nil || len(l.items) != 3 {
		t.Fatalf("incident list: %v", l)
	}
	first, last := l.items[0].ID, l.items[2].ID
	press(t, m, "G")
	if in, _ := l.Selected(); in.ID != last {
		t.Errorf("G selected incident %d, want the last, %d", in.ID, last)
	}
	press(t, m, "g")
	if in, _ := l.Selected(); in.ID != first {
		t.Errorf("g selected incident %d, want the first, %d", in.ID, first)
	}
}
