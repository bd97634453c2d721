package sip

import (
	"log/slog"
	"sync/atomic"

	"github.com/pion/rtp"

	"diemcau/audio/mix"
)

// downlink is one call's part of its conference's mix (confmix.go): where its audio slots'
// packets stand, its party in the mix and its own encoder (used while its voice is heard, so its
// mix leaves it out); the shared mix of its codec is encoded once for every terminal that hears
// the same thing. The stage sends the terminal its frame with the call's own seq, ts and SSRC.
type downlink struct {
	codec codecSpec
	pt    uint8
	voice voice // the call's own encoder
	m     *media
	log   *slog.Logger
	mic   uint32 // SSRC of the terminal's voice in the conference: the CSRC of its slot packets
	stage atomic.Pointer[conferenceMix]

	feeds [audioSlots]feed // under the stage's mu

	// used only by the stage's goroutine
	party *mix.Party
	own   bool // the last frame was its own mix
	ts    uint32
	fails int
}

func newDownlink(codec codecSpec, pt uint8, v voice, m *media, log *slog.Logger) (*downlink, error) {
	return &downlink{codec: codec, pt: pt, voice: v, m: m, log: log}, nil
}

// offer hands one packet of the call's audio slot to its conference's mix without blocking the
// forwarder; before the call is seated in a mix it is dropped.
func (d *downlink) offer(slot int, h *rtp.Header, payload []byte) {
	if st := d.stage.Load(); st != nil {
		st.offer(d, slot, h, payload)
	}
}

// run leaves the conference's mix when done closes.
func (d *downlink) run(done <-chan struct{}) {
	<-done
	if st := d.stage.Load(); st != nil {
		st.leave(d)
	}
}

// send sends the terminal one frame of its mix.
func (d *downlink) send(payload []byte, err error) {
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
