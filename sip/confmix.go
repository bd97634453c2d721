package sip

import (
	"bytes"
	"slices"
	"sync"
	"time"

	"github.com/pion/rtp"

	"diemcau/audio/mix"
	"diemcau/audio/opus"
)

// Jitter handling of the open microphones the conference's mix is made of (48 kHz samples).
const (
	slotFrame    = mix.Rate * frameMs / 1000 // one frame of a source
	slotPrebuf   = 2 * slotFrame             // a source starts playing with this much queued
	slotMaxQueue = 10 * slotFrame            // beyond it the oldest audio is dropped
	downQueue    = 64                        // new source packets waiting for the mixer
	dupWindow    = 10 * time.Millisecond     // the forwarder hands one packet to every slot within it
	sourceIdle   = 250                       // ticks (5 s) without packets before a source is forgotten
	maxCatchUp   = 5                         // late ticks made up at once (100 ms)
	trimEvery    = 50                        // frames (1 s) over which a source's spare audio is watched
)

// mixes are the conferences' mixing stages, one per conference with SIP calls.
var mixes = struct {
	sync.Mutex
	m map[any]*conferenceMix
}{m: map[any]*conferenceMix{}}

// conferenceMix is the mixing stage shared by every SIP call of one conference: each open
// microphone (a source on the calls' audio slots, named by its CSRC) is decoded once per 20 ms
// however many calls carry it, the sum is made once, a terminal whose voice is in it gets the
// sum minus its own, and every other terminal of a codec gets the same frame encoded once.
type conferenceMix struct {
	key any
	in  chan srcPacket

	mu     sync.Mutex
	seen   map[uint32]*seenSource // newest packet of each source handed to the mixer
	joined []*downlink            // for the goroutine to seat in the mixer
	left   []*downlink            // for the goroutine to take out of it
	calls  int

	// used only by the stage's goroutine
	mixer   *mix.Mixer
	sources map[uint32]*sourceStream
	members []*downlink
	shared  map[string]*sharedCodec
	ticks   uint64
}

// srcPacket is one new Opus packet of a source, copied off the forwarder.
type srcPacket struct {
	src     uint32
	payload []byte
}

// seenSource tells a source's new packet from the copies the forwarder hands each call's slot.
type seenSource struct {
	last    int64 // reference number of the newest packet
	at      time.Time
	payload []byte
}

// feed is where one call's audio slot stands in its source's reference numbering: its sequence
// numbers are the source's plus an offset that changes only when the slot renumbers.
type feed struct {
	src uint32
	seq uint16
	ref int64
	ok  bool
}

// sourceStream is one open microphone as the mixer sees it.
type sourceStream struct {
	dec     *opus.Decoder
	party   *mix.Party // source-only; nil while the voice is a member call's (put on its party)
	queue   []int16
	playing bool
	idle    int
	low     int // the fewest samples left on the queue after a frame, this trimEvery window
	window  int // frames played in the window
}

// sharedCodec encodes, once per tick, the shared mix of one codec.
type sharedCodec struct {
	voice   voice
	tick    uint64
	payload []byte
	err     error
}

// joinMix seats d in the mixing stage of conference key, starting it with its first call.
func joinMix(key any, d *downlink) {
	mixes.Lock()
	defer mixes.Unlock()
	st := mixes.m[key]
	if st == nil {
		st = newConferenceMix(key)
		mixes.m[key] = st
		go st.run()
	}
	st.add(d)
}

// add puts d in the stage's next tick.
func (st *conferenceMix) add(d *downlink) {
	st.mu.Lock()
	st.calls++
	st.joined = append(st.joined, d)
	st.mu.Unlock()
	d.stage.Store(st)
}

func newConferenceMix(key any) *conferenceMix {
	return &conferenceMix{key: key, in: make(chan srcPacket, downQueue), seen: map[uint32]*seenSource{},
		mixer: mix.New(), sources: map[uint32]*sourceStream{}, shared: map[string]*sharedCodec{}}
}

// leave takes d out of the mix; the stage stops after its last call.
func (st *conferenceMix) leave(d *downlink) {
	st.mu.Lock()
	st.calls--
	st.left = append(st.left, d)
	d.feeds = [audioSlots]feed{}
	st.mu.Unlock()
}

// offer takes a packet of one call's slot; only the first copy of each source packet is kept
// (decoded once for the conference), and it never blocks the forwarder.
func (st *conferenceMix) offer(d *downlink, slot int, h *rtp.Header, payload []byte) {
	if len(h.CSRC) == 0 || slot < 0 || slot >= audioSlots {
		return
	}
	src, now := h.CSRC[0], time.Now()
	st.mu.Lock()
	s := st.seen[src]
	if s == nil {
		s = &seenSource{}
		st.seen[src] = s
	}
	f := &d.feeds[slot]
	var ref int64
	switch {
	case f.ok && f.src == src:
		ref = f.ref + int64(int16(h.SequenceNumber-f.seq))
	case s.last > 0 && now.Sub(s.at) < dupWindow && bytes.Equal(payload, s.payload):
		ref = s.last // this slot's copy of the packet another slot just had
	default:
		ref = s.last + 1
	}
	if ref <= s.last && now.Sub(s.at) >= dupWindow {
		ref = s.last + 1 // nothing came in the fan-out window: the slot renumbered, not a copy
	}
	*f = feed{src: src, seq: h.SequenceNumber, ref: ref, ok: true}
	if ref <= s.last {
		st.mu.Unlock()
		return
	}
	s.last, s.at, s.payload = ref, now, append(s.payload[:0], payload...)
	st.mu.Unlock()
	select {
	case st.in <- srcPacket{src: src, payload: append([]byte(nil), payload...)}:
	default: // the mixer is behind: heard as a short gap
	}
}

// run mixes every frameMs until the last call has left. A tick that came late (the core busy,
// the ticker then drops ticks) is made up at once, up to maxCatchUp frames: otherwise every
// dropped tick leaves one more frame on each source's queue, which only slotMaxQueue trims, and
// the mix runs up to 200 ms late while the terminals miss frames.
func (st *conferenceMix) run() {
	t := time.NewTicker(frameMs * time.Millisecond)
	defer t.Stop()
	start, made := time.Now(), uint64(0)
	for {
		select {
		case p := <-st.in:
			st.queue(p)
		case now := <-t.C:
			due := max(uint64(now.Sub(start)/(frameMs*time.Millisecond)), made+1)
			if due-made > maxCatchUp { // too far behind: those frames are lost
				made = due - maxCatchUp
			}
			for ; made < due; made++ {
				st.drain()
				if !st.tick() {
					return
				}
			}
		}
	}
}

// drain queues the source packets that came since the last frame.
func (st *conferenceMix) drain() {
	for {
		select {
		case p := <-st.in:
			st.queue(p)
		default:
			return
		}
	}
}

// queue decodes a source's packet onto its queue.
func (st *conferenceMix) queue(p srcPacket) {
	s := st.sources[p.src]
	if s == nil {
		dec, err := opus.NewDecoder()
		if err != nil {
			return
		}
		s = &sourceStream{dec: dec}
		st.sources[p.src] = s
	}
	s.idle = 0
	pcm, err := s.dec.Decode(p.payload)
	if err != nil {
		return
	}
	s.queue = append(s.queue, pcm...)
	if over := len(s.queue) - slotMaxQueue; over > 0 {
		s.queue = append(s.queue[:0], s.queue[over:]...)
	}
}

// tick makes one frame of the mix and sends every call its frame; it reports false when the
// stage has no call left and stopped.
func (st *conferenceMix) tick() bool {
	st.mu.Lock()
	joined, left := st.joined, st.left
	st.joined, st.left = nil, nil
	st.mu.Unlock()
	st.seat(joined, left)
	if len(st.members) == 0 && st.stop() {
		return false
	}
	st.putSources()
	st.mixer.Mix()
	st.ticks++
	for _, d := range st.members {
		if d.party.OwnMix() {
			if !d.own {
				d.voice.follow(st.shared[d.codec.name].voice)
			}
			d.own = true
			d.send(d.voice.encode(d.party.Mixed()))
			continue
		}
		d.own = false
		sc := st.shared[d.codec.name]
		if sc.tick != st.ticks {
			sc.tick = st.ticks
			sc.payload, sc.err = sc.voice.encode(d.party.Mixed())
		}
		d.send(sc.payload, sc.err)
	}
	return true
}

// seat applies the calls that joined and left since the last tick to the mixer.
func (st *conferenceMix) seat(joined, left []*downlink) {
	for _, d := range left {
		if d.party != nil {
			st.mixer.Leave(d.party)
		}
		st.members = slices.DeleteFunc(st.members, func(m *downlink) bool { return m == d })
	}
	for _, d := range joined {
		if slices.Contains(left, d) {
			continue
		}
		party, err := st.mixer.Join(d.codec.rate)
		if err == nil && st.shared[d.codec.name] == nil {
			var v voice
			if v, err = newVoice(d.codec); err == nil {
				st.shared[d.codec.name] = &sharedCodec{voice: v}
			}
		}
		if err != nil {
			d.log.Warn("SIP call: joining the conference's mix failed", "err", err)
			continue
		}
		d.party = party
		st.members = append(st.members, d)
	}
}

// stop ends the stage when no call is in it or on its way.
func (st *conferenceMix) stop() bool {
	mixes.Lock()
	defer mixes.Unlock()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.calls > 0 || len(st.joined) > 0 {
		return false
	}
	delete(mixes.m, st.key)
	return true
}

// putSources puts one frame of every playing source: a member call's voice on its own party
// (its mix then leaves it out), any other on a source-only party.
func (st *conferenceMix) putSources() {
	for src, s := range st.sources {
		if s.idle++; s.idle > sourceIdle {
			if s.party != nil {
				st.mixer.Leave(s.party)
			}
			delete(st.sources, src)
			continue
		}
		if !s.playing && len(s.queue) >= slotPrebuf {
			s.playing = true
		}
		if !s.playing {
			continue
		}
		if len(s.queue) < slotFrame {
			s.playing = false // ran dry: wait for the prebuffer again
			continue
		}
		frame := s.queue[:slotFrame]
		if member := st.member(src); member != nil {
			_ = member.party.PutMix(frame)
		} else {
			if s.party == nil {
				party, err := st.mixer.JoinSource(mix.Rate)
				if err != nil {
					continue
				}
				s.party = party
			}
			_ = s.party.Put(frame)
		}
		s.queue = append(s.queue[:0], s.queue[slotFrame:]...)
		s.trim()
	}
}

// trim keeps a playing source's delay near its prebuffer: a burst of packets (the sender or the
// forwarder late for a moment) leaves extra frames on the queue, which nothing else would take
// off while the source plays. When the queue never held less than a frame to spare over a
// whole window, the audio it always had to spare is dropped — one cut of a few tens of ms at most
// once a second, instead of the whole meeting heard that much later for as long as it lasts.
func (s *sourceStream) trim() {
	if s.window == 0 || len(s.queue) < s.low {
		s.low = len(s.queue)
	}
	if s.window++; s.window < trimEvery {
		return
	}
	if spare := s.low - slotFrame; spare > 0 {
		s.queue = append(s.queue[:0], s.queue[spare:]...)
	}
	s.window = 0
}

// member is the call whose voice src is, or nil.
func (st *conferenceMix) member(src uint32) *downlink {
	for _, d := range st.members {
		if d.mic == src && d.mic != 0 {
			return d
		}
	}
	return nil
}
