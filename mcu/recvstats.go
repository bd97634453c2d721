package mcu

import (
	"math"
	"sync/atomic"
	"time"
)

// recvStats follows one inbound stream as RFC 3550 §6.4.1 and A.3/A.8 do: packets expected from
// the sequence numbers, packets received, and interarrival jitter. observe runs on the source's
// reader goroutine only; the quality tick reads the published atomics.
type recvStats struct {
	clock float64 // RTP clock rate, Hz

	started   bool
	baseSeq   uint32
	maxSeq    uint16
	cycles    uint32
	transit   float64 // previous relative transit time, RTP units
	jitterRTP float64

	expected atomic.Uint64
	received atomic.Uint64
	jitter   atomic.Uint64 // math.Float64bits of the jitter in seconds
}

// observe records one packet with sequence number seq and RTP timestamp ts, arrived at now. It
// reports whether seq jumped further than RFC 3550 A.1 allows (more than maxDropout ahead, or more
// than maxMisorder behind): the stream then counts on from seq, so the packets it skipped, which
// never existed, are not counted lost.
func (r *recvStats) observe(seq uint16, ts uint32, now time.Time) (jumped bool) {
	arrival := float64(now.UnixNano()) / 1e9 * r.clock
	transit := arrival - float64(ts)
	if !r.started {
		r.started, r.baseSeq, r.maxSeq, r.transit = true, uint32(seq), seq, transit
		r.expected.Store(1)
		r.received.Store(1)
		return false
	}
	switch d := seq - r.maxSeq; {
	case d == 0, d >= 1<<16-maxMisorder: // repeated, or late within bounds
	case d < maxDropout: // ahead in order
		if seq < r.maxSeq {
			r.cycles += 1 << 16
		}
		r.maxSeq = seq
		r.expected.Store(uint64(r.cycles+uint32(seq)-r.baseSeq) + 1)
	default: // a jump: one packet more than before is expected
		expected := r.expected.Load()
		r.maxSeq, r.baseSeq = seq, r.cycles+uint32(seq)-uint32(expected)
		r.expected.Store(expected + 1)
		jumped = true
	}
	r.received.Add(1)
	d := transit - r.transit
	r.transit = transit
	r.jitterRTP += (math.Abs(d) - r.jitterRTP) / 16
	r.jitter.Store(math.Float64bits(r.jitterRTP / r.clock))
	return jumped
}

// counts returns the packets expected and received so far.
func (r *recvStats) counts() (expected, received uint64) {
	return r.expected.Load(), r.received.Load()
}

// jitterSeconds returns the interarrival jitter.
func (r *recvStats) jitterSeconds() float64 {
	return math.Float64frombits(r.jitter.Load())
}

// InboundMeter follows an endpoint's own RTP stream for a transport that renumbers what it gives
// the MCU (a SIP terminal's voice re-encoded to Opus): the same RFC 3550 counts the MCU keeps of
// every stream it receives, for TransportStats.Inbound. Observe from one goroutine; Counts from
// any.
type InboundMeter struct{ r recvStats }

// NewInboundMeter follows a stream whose RTP clock runs at clock Hz.
func NewInboundMeter(clock int) *InboundMeter {
	return &InboundMeter{r: recvStats{clock: float64(clock)}}
}

// Observe records one packet of the stream, arrived at now.
func (m *InboundMeter) Observe(seq uint16, ts uint32, now time.Time) { m.r.observe(seq, ts, now) }

// Counts returns what arrived so far; nil before the first packet.
func (m *InboundMeter) Counts() *InboundCounts {
	expected, received := m.r.counts()
	if expected == 0 {
		return nil
	}
	return &InboundCounts{Expected: expected, Received: received,
		Jitter: time.Duration(m.r.jitterSeconds() * float64(time.Second))}
}
