package mcu

import (
	"sync"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// Slot names of a receiver's outbound tracks.
const (
	slotMain    = "main"
	slotSpeaker = "speaker"
)

// binding is one outbound slot of one receiver: (receiver, slot) → the source currently on it.
// It rewrites sequence numbers and timestamps so the receiver sees one continuous stream.
type binding struct {
	recv   *session
	slot   string
	kind   webrtc.RTPCodecType
	mime   string
	clock  uint32
	track  *webrtc.TrackLocalStaticRTP
	sender *webrtc.RTPSender

	mu      sync.Mutex
	src     *source // assigned source; packets of any other source are dropped
	last    *source // source of the last written packet
	started bool
	seqOff  uint16
	tsOff   uint32
	lastSeq uint16
	lastTS  uint32
	lastAt  time.Time
	closed  bool
	out     rtp.Packet // scratch packet, reused under mu
	csrc    [1]uint32
}

func newBinding(recv *session, slot string, kind webrtc.RTPCodecType, mime string, clock uint32,
	track *webrtc.TrackLocalStaticRTP, sender *webrtc.RTPSender) *binding {
	return &binding{recv: recv, slot: slot, kind: kind, mime: mime, clock: clock, track: track, sender: sender}
}

// assign puts src on the slot (nil empties it) and reports whether the source changed.
func (b *binding) assign(src *source) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.src == src || b.closed {
		return false
	}
	b.src = src
	return true
}

// source returns the source currently assigned.
func (b *binding) source() *source {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.src
}

// detach empties the slot for good.
func (b *binding) detach() {
	b.mu.Lock()
	b.closed = true
	b.src = nil
	b.mu.Unlock()
}

// write forwards pkt of src to the receiver when src is on this slot; it reports whether it wrote.
func (b *binding) write(src *source, pkt *rtp.Packet, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.src != src || b.closed {
		return false
	}
	if b.last != src {
		b.resync(src, pkt, now)
	}
	seq := pkt.SequenceNumber + b.seqOff
	ts := pkt.Timestamp + b.tsOff
	if int16(seq-b.lastSeq) > 0 {
		b.lastSeq, b.lastTS, b.lastAt = seq, ts, now
	}
	b.out.Header = pkt.Header
	b.out.Header.SequenceNumber = seq
	b.out.Header.Timestamp = ts
	b.csrc[0] = src.ssrc
	b.out.Header.CSRC = b.csrc[:]
	b.out.Header.Extension = false
	b.out.Header.Extensions = nil
	b.out.Payload = pkt.Payload
	b.out.PaddingSize = pkt.PaddingSize
	if err := b.track.WriteRTP(&b.out); err != nil {
		return false
	}
	m := b.recv.m
	m.packetsOut.Add(1)
	m.bytesOut.Add(uint64(len(pkt.Payload) + 12))
	return true
}

// resync computes offsets so that src's stream continues the slot's numbering.
func (b *binding) resync(src *source, pkt *rtp.Packet, now time.Time) {
	b.last = src
	if !b.started {
		b.started = true
		b.seqOff, b.tsOff = 0, 0
		b.lastSeq, b.lastTS, b.lastAt = pkt.SequenceNumber-1, pkt.Timestamp, now
		return
	}
	next := b.lastSeq + 1
	b.seqOff = next - pkt.SequenceNumber
	gap := uint32(now.Sub(b.lastAt).Seconds() * float64(b.clock))
	if minGap := b.clock / 50; gap < minGap {
		gap = minGap
	}
	b.tsOff = b.lastTS + gap - pkt.Timestamp
	b.lastSeq = next - 1
}

// readRTCP serves the receiver's feedback on this slot: PLI/FIR go to the slot's source.
func (b *binding) readRTCP() {
	buf := make([]byte, 1500)
	for {
		n, _, err := b.sender.Read(buf)
		if err != nil {
			return
		}
		pkts, err := rtcp.Unmarshal(buf[:n])
		if err != nil {
			continue
		}
		for _, p := range pkts {
			switch p.(type) {
			case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
				if src := b.source(); src != nil {
					src.requestKeyframe()
				}
			}
		}
	}
}
