package sip

import (
	"log/slog"
	"time"

	"diemcau/audio/mix"
	"diemcau/audio/opus"
)

// Jitter handling of the slots the terminal's mix is made of (48 kHz samples).
const (
	slotFrame    = mix.Rate * frameMs / 1000 // one frame of a slot
	slotPrebuf   = 2 * slotFrame             // a slot starts playing with this much queued
	slotMaxQueue = 10 * slotFrame            // beyond it the oldest audio is dropped
	downQueue    = 64                        // slot packets waiting for the mixer
)

// slotPacket is one Opus packet of an audio slot, copied off the forwarder.
type slotPacket struct {
	slot    int
	payload []byte
}

// slotStream is one audio slot of the conference as the mixer sees it.
type slotStream struct {
	party   *mix.Party
	dec     *opus.Decoder
	queue   []int16
	playing bool
}

// downlink makes, every frameMs, the terminal's mix of the conference's audio slots (the open
// microphones, never its own) and sends it in the terminal's codec. Used only by its goroutine.
type downlink struct {
	in    chan slotPacket
	slots map[int]*slotStream
	mixer *mix.Mixer
	term  *mix.Party // the terminal: a receiver only
	voice voice
	codec codecSpec
	pt    uint8
	m     *media
	ts    uint32
	log   *slog.Logger
	fails int
}

func newDownlink(codec codecSpec, pt uint8, v voice, m *media, log *slog.Logger) (*downlink, error) {
	mx := mix.New()
	term, err := mx.Join(codec.rate)
	if err != nil {
		return nil, err
	}
	return &downlink{in: make(chan slotPacket, downQueue), slots: map[int]*slotStream{}, mixer: mx, term: term,
		voice: v, codec: codec, pt: pt, m: m, log: log}, nil
}

// offer hands a slot's packet to the mixer without blocking the forwarder: when the mixer is
// behind, the packet is dropped (heard as a short gap).
func (d *downlink) offer(slot int, payload []byte) {
	select {
	case d.in <- slotPacket{slot: slot, payload: append([]byte(nil), payload...)}:
	default:
	}
}

// run mixes and sends until done closes.
func (d *downlink) run(done <-chan struct{}) {
	t := time.NewTicker(frameMs * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-done:
			return
		case p := <-d.in:
			d.queue(p)
		case <-t.C:
			d.tick()
		}
	}
}

// queue decodes a slot's packet onto its queue.
func (d *downlink) queue(p slotPacket) {
	s := d.slots[p.slot]
	if s == nil {
		dec, err := opus.NewDecoder()
		if err != nil {
			return
		}
		party, err := d.mixer.JoinSource(mix.Rate)
		if err != nil {
			return
		}
		s = &slotStream{party: party, dec: dec}
		d.slots[p.slot] = s
	}
	pcm, err := s.dec.Decode(p.payload)
	if err != nil {
		return
	}
	s.queue = append(s.queue, pcm...)
	if over := len(s.queue) - slotMaxQueue; over > 0 {
		s.queue = append(s.queue[:0], s.queue[over:]...)
	}
}

// tick mixes one frame of every playing slot and sends the terminal its frame.
func (d *downlink) tick() {
	for _, s := range d.slots {
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
		_ = s.party.Put(s.queue[:slotFrame])
		s.queue = append(s.queue[:0], s.queue[slotFrame:]...)
	}
	d.mixer.Mix()
	payload, err := d.voice.encode(d.term.Mixed())
	if err == nil {
		err = d.m.send(d.pt, d.ts, false, payload)
	}
	d.ts += d.codec.ticks()
	if err != nil {
		if d.fails == 0 {
			d.log.Warn("SIP call: sending audio to the terminal failed; further failures not logged", "err", err)
		}
		d.fails++
	}
}
