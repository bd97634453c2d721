package mcu

import (
	"testing"
	"time"

	"github.com/pion/rtcp"
)

// TestNackAnsweredFromCache has a real receiver NACK packets of its video slot: the MCU resends
// the cached ones with the slot's numbering and counts a miss for one it never sent.
func TestNackAnsweredFromCache(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	a := h.client("MAIN")
	h.client("B")
	var ssrc uint32
	var last uint16
	eventually(t, 10*time.Second, func() bool {
		var ok bool
		ssrc, last, ok = a.videoSlot()
		return ok && a.timesReceived(ssrc, last-3) == 1
	}, "MAIN never got B's video")
	h.conf.mu.Lock()
	recv := h.conf.byID["MAIN"]
	h.conf.mu.Unlock()
	hits, misses := recv.nackHits.Load(), recv.nackMisses.Load()

	nack := &rtcp.TransportLayerNack{MediaSSRC: ssrc, Nacks: []rtcp.NackPair{
		{PacketID: last - 3, LostPackets: 0b10}, // last-3 and last-1 (bit i is PacketID+i+1)
		{PacketID: last + 5000},                 // never sent
	}}
	if err := a.pc.WriteRTCP([]rtcp.Packet{nack}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for a.timesReceived(ssrc, last-3) != 2 || a.timesReceived(ssrc, last-1) != 2 {
		if time.Now().After(deadline) {
			t.Fatalf("NACKed packets were not resent: %d and %d copies, MCU hits %d misses %d",
				a.timesReceived(ssrc, last-3), a.timesReceived(ssrc, last-1),
				recv.nackHits.Load()-hits, recv.nackMisses.Load()-misses)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := a.timesReceived(ssrc, last-2); got != 1 {
		t.Errorf("packet not asked for was resent: %d copies", got)
	}
	eventually(t, 2*time.Second, func() bool {
		return recv.nackHits.Load() == hits+2 && recv.nackMisses.Load() == misses+1
	}, "NACK counters: hits %d misses %d", recv.nackHits.Load()-hits, recv.nackMisses.Load()-misses)
}
