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
	recv  *session
	slot  string
	kind  webrtc.RTPCodecType
	mime  string
	clock uint32
	track *webrtc.TrackLocalStaticRTP // bound to the receiver's PeerConnection, or to an RTPWriter (slottrack.go)

	mu      sync.Mutex
	src     *source // assigned source; packets of any other source are dropped
	last    *source // source of the last written packet
	started bool
	seqOff  uint16
	tsOff   uint32
	lastSeq uint16
	lastTS  uint32
	lastAt  time.Time
	syncSeq uint16    // slot sequence number of the first packet since the last resync
	keyWait time.Time // an H.264 slot's switch waits for a keyframe since then (zero: not waiting)
	closed  bool
	out     rtp.Packet // scratch packet, reused under mu
	csrc    [1]uint32

	nackPkt rtp.Packet // scratch for retransmissions, under mu
	nackBuf [cachePacketB]byte
}

func newBinding(recv *session, slot string, kind webrtc.RTPCodecType, mime string, clock uint32,
	track *webrtc.TrackLocalStaticRTP) *binding {
	return &binding{recv: recv, slot: slot, kind: kind, mime: mime, clock: clock, track: track}
}

// assign puts src on the slot (nil empties it) and reports whether the source changed.
func (b *binding) assign(src *source) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.src == src || b.closed {
		return false
	}
	b.src = src
	b.last = nil // renumber on the next packet, even if src had this slot before
	b.keyWait = time.Time{}
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

// write forwards pkt of src to the receiver when src is on this slot; it reports whether it
// wrote. resync renumbers from pkt even when src was already on the slot (after a mute).
func (b *binding) write(src *source, pkt *rtp.Packet, now time.Time, resync bool) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.src != src || b.closed {
		return false
	}
	if b.last != src && b.awaitKeyframe(pkt, now) {
		return false
	}
	if b.last != src || resync {
		b.resync(src, pkt, now)
		b.syncSeq = pkt.SequenceNumber + b.seqOff
	}
	seq := pkt.SequenceNumber + b.seqOff
	ts := pkt.Timestamp + b.tsOff
	if int16(seq-b.lastSeq) > 0 {
		b.lastSeq, b.lastTS, b.lastAt = seq, ts, now
	}
	return b.send(src, pkt, seq, ts)
}

// keyframeWait is how long an H.264 slot switching source drops the new source's packets
// while waiting for a keyframe (the switch asked one); then it forwards what comes, as a VP8
// slot does at once.
const keyframeWait = 3 * time.Second

// awaitKeyframe reports whether pkt, the first packet of a source new on an H.264 slot, must be
// dropped because it does not start a keyframe: the receiver's decoder can start from nothing
// else, and H.264 decoders show garbage or nothing until one comes. b.mu held.
func (b *binding) awaitKeyframe(pkt *rtp.Packet, now time.Time) bool {
	if b.mime != mimeH264 || H264Keyframe(pkt.Payload) {
		b.keyWait = time.Time{}
		return false
	}
	if b.keyWait.IsZero() {
		b.keyWait = now
	}
	if now.Sub(b.keyWait) >= keyframeWait {
		b.keyWait = time.Time{}
		return false
	}
	return true
}

// send writes pkt of src with the slot's sequence number and timestamp (b.mu held).
func (b *binding) send(src *source, pkt *rtp.Packet, seq uint16, ts uint32) bool {
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

// resend answers a receiver's NACK for slot sequence number seq from the current source's
// packet cache; it reports whether the packet was sent again. Packets from before the last
// source switch are not resent: their numbering belonged to another source.
func (b *binding) resend(seq uint16) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	src := b.last
	if b.closed || src == nil || src != b.src || src.cache == nil {
		return false
	}
	if int16(seq-b.syncSeq) < 0 || int16(b.lastSeq-seq) < 0 {
		return false
	}
	if !src.cache.get(seq-b.seqOff, b.nackBuf[:], &b.nackPkt) {
		return false
	}
	return b.send(src, &b.nackPkt, seq, b.nackPkt.Timestamp+b.tsOff)
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

// requestKeyframe asks the slot's current source for a keyframe: its receiver lost the picture.
func (b *binding) requestKeyframe() {
	if src := b.source(); src != nil {
		src.requestKeyframe()
	}
}

// answerNack resends every packet a NACK names that the cache still holds.
func (b *binding) answerNack(n *rtcp.TransportLayerNack) {
	m := b.recv.m
	for _, pair := range n.Nacks {
		pair.Range(func(seq uint16) bool {
			if b.resend(seq) {
				m.nackHits.Add(1)
			} else {
				m.nackMisses.Add(1)
			}
			return true
		})
	}
}
