package mcu

import (
	"testing"

	"github.com/pion/rtp"
)

// TestPacketCacheRelease: the cache has no buffers until the first put, answers from them while
// held, and after a release neither holds buffers nor answers for packets cached before it.
func TestPacketCacheRelease(t *testing.T) {
	raw := func(seq uint16) []byte {
		b, err := (&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 96, SequenceNumber: seq, SSRC: 7},
			Payload: []byte{byte(seq), 1, 2, 3}}).Marshal()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var c packetCache
	buf := make([]byte, cachePacketB)
	var pkt rtp.Packet
	if c.held() || c.get(10, buf, &pkt) {
		t.Fatal("a new cache holds buffers or answers")
	}
	c.put(10, raw(10))
	c.put(11, raw(11))
	if !c.held() || !c.get(10, buf, &pkt) || pkt.SequenceNumber != 10 || pkt.Payload[0] != 10 {
		t.Fatalf("cached packet 10 not returned: held %v, got seq %d", c.held(), pkt.SequenceNumber)
	}
	c.release()
	if c.held() || c.get(11, buf, &pkt) {
		t.Fatal("released cache still holds buffers or answers for a packet cached before the release")
	}
	c.put(12, raw(12))
	if c.get(11, buf, &pkt) || !c.get(12, buf, &pkt) || pkt.SequenceNumber != 12 {
		t.Fatal("after a release the cache must start empty and keep new packets")
	}
}
