package mcu

import (
	"sync"
	"sync/atomic"

	"github.com/pion/rtp"
)

// recQueueLen is how many packets the recorder holds for the disk: a few seconds of the
// speaker's video and the audio slots. When the disk falls that far behind, packets are
// dropped and counted instead of slowing the forwarder.
const recQueueLen = 2048

// recPacket is one packet of a recorded slot, copied out of the forwarder.
type recPacket struct {
	stream int // index of the recorder's stream (its slot)
	marker bool
	seq    uint16
	ts     uint32
	ssrc   uint32
	csrc   uint32 // the bridge point's source on the slot (the binding puts it in CSRC)
	n      int
	buf    [cachePacketB]byte
}

// recQueue is the bounded ring between the forwarder and the recorder's disk writer. push never
// blocks and never allocates: a full ring drops the packet and counts it.
type recQueue struct {
	mu     sync.Mutex
	ring   []recPacket
	head   int
	size   int
	closed bool
	wake   chan struct{} // one token: the writer has something to read

	packets atomic.Uint64 // packets queued
	drops   atomic.Uint64 // packets dropped: ring full or packet too large
}

func newRecQueue(n int) *recQueue {
	return &recQueue{ring: make([]recPacket, n), wake: make(chan struct{}, 1)}
}

// push copies one packet of stream into the ring, or drops it when the ring is full.
func (q *recQueue) push(stream int, h *rtp.Header, payload []byte) {
	q.mu.Lock()
	if q.closed || q.size == len(q.ring) || len(payload) > cachePacketB {
		q.mu.Unlock()
		q.drops.Add(1)
		return
	}
	p := &q.ring[(q.head+q.size)%len(q.ring)]
	q.size++
	p.stream, p.marker, p.seq, p.ts, p.ssrc = stream, h.Marker, h.SequenceNumber, h.Timestamp, h.SSRC
	p.csrc = 0
	if len(h.CSRC) > 0 {
		p.csrc = h.CSRC[0]
	}
	p.n = copy(p.buf[:], payload)
	q.mu.Unlock()
	q.packets.Add(1)
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// pop copies the oldest packet into dst; it reports false when the ring is empty.
func (q *recQueue) pop(dst *recPacket) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.size == 0 {
		return false
	}
	src := &q.ring[q.head]
	dst.stream, dst.marker, dst.seq, dst.ts, dst.ssrc, dst.csrc = src.stream, src.marker, src.seq, src.ts, src.ssrc, src.csrc
	dst.n = copy(dst.buf[:], src.buf[:src.n])
	q.head = (q.head + 1) % len(q.ring)
	q.size--
	return true
}

// drained reports whether the queue is closed and empty: the writer may finish.
func (q *recQueue) drained() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.closed && q.size == 0
}

// close refuses further packets; what is queued can still be popped.
func (q *recQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// recStream is the write side of one recorded slot: Pion's local track writes the slot's
// rewritten packets here, exactly as it would write them to a receiver's connection.
type recStream struct {
	q     *recQueue
	index int
}

// WriteRTP queues one packet for the disk.
func (w recStream) WriteRTP(h *rtp.Header, payload []byte) (int, error) {
	w.q.push(w.index, h, payload)
	return len(payload), nil
}

// Write queues one marshalled packet for the disk.
func (w recStream) Write(b []byte) (int, error) { return writeMarshalled(w, b) }
