package softep

import "testing"

func TestSlotSequence(t *testing.T) {
	var s slotSequence
	var expected uint64
	for _, seq := range []uint16{65534, 65535, 0, 3, 2, 3, 4} { // wraps, skips 1 and 2, then 2 late, 3 again
		expected += s.observe(seq)
	}
	if expected != 7 { // 65534 … 4 is seven packets
		t.Fatalf("expected %d, want 7", expected)
	}
}
