package softep

import (
	"encoding/binary"
	"maps"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// ReceiveStats is a snapshot of what an endpoint has received from the MCU.
type ReceiveStats struct {
	AudioPackets uint64
	VideoPackets uint64
	BySource     map[uint32]SourceCount // by CSRC[0], the original source's SSRC
	Slots        map[string]string      // last "slots" message: "main", "speaker", "audio1"… → bridge point id
	// Over all slots: packets the sequence numbers say were sent, and packets received; the
	// difference is the loss between the MCU and this endpoint.
	SlotExpected uint64
	SlotReceived uint64
	FirstPacket  time.Time // arrival of the first RTP packet on any slot; zero before
}

// SourceCount counts the packets received from one original source.
type SourceCount struct {
	Audio     uint64
	Video     uint64
	LastAudio time.Time
}

// receiveCounters is updated by the track readers; one map entry per source, none per packet.
type receiveCounters struct {
	audio    atomic.Uint64
	video    atomic.Uint64
	expected atomic.Uint64
	received atomic.Uint64
	first    atomic.Int64 // unix nanos of the first packet
	mu       sync.Mutex
	bySource map[uint32]*SourceCount
}

// count records one received RTP packet.
func (c *receiveCounters) count(audio bool, csrc uint32, hasCSRC bool) {
	if audio {
		c.audio.Add(1)
	} else {
		c.video.Add(1)
	}
	if !hasCSRC {
		return
	}
	c.mu.Lock()
	sc := c.bySource[csrc]
	if sc == nil {
		sc = &SourceCount{}
		c.bySource[csrc] = sc
	}
	if audio {
		sc.Audio++
		sc.LastAudio = time.Now()
	} else {
		sc.Video++
	}
	c.mu.Unlock()
}

// Received returns a snapshot of the receive counters and the last slot assignment.
func (e *Endpoint) Received() ReceiveStats {
	st := ReceiveStats{
		AudioPackets: e.recv.audio.Load(),
		VideoPackets: e.recv.video.Load(),
		SlotExpected: e.recv.expected.Load(),
		SlotReceived: e.recv.received.Load(),
	}
	st.FirstPacket = e.FirstPacket()
	e.recv.mu.Lock()
	st.BySource = make(map[uint32]SourceCount, len(e.recv.bySource))
	for ssrc, sc := range e.recv.bySource {
		st.BySource[ssrc] = *sc
	}
	e.recv.mu.Unlock()
	e.mu.Lock()
	st.Slots = maps.Clone(e.slots)
	e.mu.Unlock()
	if st.Slots == nil {
		st.Slots = map[string]string{}
	}
	return st
}

// FirstPacket is the arrival of the first RTP packet on any slot, zero before; cheaper than
// Received for polling.
func (e *Endpoint) FirstPacket() time.Time {
	if ns := e.recv.first.Load(); ns != 0 {
		return time.Unix(0, ns)
	}
	return time.Time{}
}

// readTrack counts the packets of one incoming track until it ends.
func (e *Endpoint) readTrack(track *webrtc.TrackRemote) {
	audio := track.Kind() == webrtc.RTPCodecTypeAudio
	buf := make([]byte, 1500)
	var seqs slotSequence
	var pkt rtp.Packet
	for {
		n, _, err := track.Read(buf)
		if err != nil {
			return
		}
		if n < 12 {
			continue
		}
		e.countRTP(buf[:n], audio, &seqs)
		if !audio && e.cfg.OnVideo != nil && pkt.Unmarshal(buf[:n]) == nil {
			e.cfg.OnVideo(track.ID(), &pkt)
		}
	}
}

// slotSequence follows the sequence numbers of one slot.
type slotSequence struct {
	started bool
	highest uint16
}

// observe returns how many more packets the slot has sent, judging by seq: 1 for the next
// packet, more after a gap, 0 for a late or repeated one.
func (s *slotSequence) observe(seq uint16) uint64 {
	if !s.started {
		s.started, s.highest = true, seq
		return 1
	}
	d := int16(seq - s.highest)
	if d <= 0 {
		return 0
	}
	s.highest = seq
	return uint64(d)
}

// firstCSRC returns CSRC[0] of a raw RTP packet, if it has one.
func firstCSRC(pkt []byte) (uint32, bool) {
	if len(pkt) < 16 || pkt[0]&0x0f == 0 {
		return 0, false
	}
	return binary.BigEndian.Uint32(pkt[12:16]), true
}

// drainReceiverRTCP reads a receiver's RTCP until it ends, so the report interceptor sees the
// MCU's sender reports and our receiver reports carry LSR/DLSR (the MCU's RTT).
func drainReceiverRTCP(receiver *webrtc.RTPReceiver) {
	buf := make([]byte, 1500)
	for {
		if _, _, err := receiver.Read(buf); err != nil {
			return
		}
	}
}
