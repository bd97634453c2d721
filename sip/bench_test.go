package sip

import (
	"io"
	"log/slog"
	"math"
	"net"
	"testing"

	"github.com/pion/rtp"

	"diemcau/audio/opus"
)

// toneFrame is 20 ms of a tone of freq Hz at rate.
func toneFrame(rate int, freq float64) []int16 {
	pcm := make([]int16, rate*frameMs/1000)
	for i := range pcm {
		pcm[i] = int16(8000 * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)))
	}
	return pcm
}

// mixRig is a conference's mixing stage with calls whose media send to one UDP sink, driven
// tick by tick as its goroutine would be.
type mixRig struct {
	st    *conferenceMix
	calls []*downlink
	sink  *net.UDPConn
}

func newMixRig(tb testing.TB, codec string, n int) *mixRig {
	tb.Helper()
	spec, _ := lookupCodec(codec, 0xff)
	sink, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { sink.Close() })
	r := &mixRig{st: newConferenceMix(tb.Name()), sink: sink}
	for i := range n {
		m, err := openMedia(net.IPv4(127, 0, 0, 1), true)
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(m.close)
		if err := m.start(sink.LocalAddr().(*net.UDPAddr), true, nil, nil, nil); err != nil {
			tb.Fatal(err)
		}
		v, err := newVoice(spec)
		if err != nil {
			tb.Fatal(err)
		}
		d, err := newDownlink(spec, spec.static, v, m, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			tb.Fatal(err)
		}
		d.mic = uint32(1000 + i)
		r.st.add(d)
		r.calls = append(r.calls, d)
	}
	return r
}

// forward hands one packet of source src to every call's slot as the MCU's forwarder does (one
// copy per slot carrying it, each renumbered by its slot); skip is a call that does not carry it
// (its own voice).
func (r *mixRig) forward(src uint32, seq uint16, payload []byte, slot int, skip *downlink) {
	for i, d := range r.calls {
		if d == skip {
			continue
		}
		h := rtp.Header{SequenceNumber: seq + uint16(i*7919), CSRC: []uint32{src}}
		r.st.offer(d, slot, &h, payload)
	}
}

// tick decodes what came and makes one frame.
func (r *mixRig) tick() {
	r.st.drain()
	r.st.tick()
}

func opusTone(tb testing.TB, freq float64) []byte {
	tb.Helper()
	enc, err := opus.NewEncoder(32000, 5)
	if err != nil {
		tb.Fatal(err)
	}
	var p []byte
	for range 3 { // past the encoder's start
		if p, err = enc.Encode(toneFrame(48000, freq)); err != nil {
			tb.Fatal(err)
		}
	}
	return append([]byte(nil), p...)
}

// BenchmarkConferenceMixG722: one 20 ms tick of a conference's mix for 80 G.722 terminals with
// 3 open microphones — each microphone's Opus decoded once, mixed, limited, 48→16 kHz, G.722
// encoded once per distinct mix, sent to each terminal. ns/op is the tick; "µs/stream" per
// terminal. "browsers speak": the 3 microphones are not SIP calls (one shared mix); "terminals
// speak": they are 3 of the 80 (3 own mixes minus their voice, and the shared one).
func BenchmarkConferenceMixG722(b *testing.B) {
	const terminals = 80
	for _, tc := range []struct {
		name     string
		speakers func(r *mixRig) []*downlink
	}{
		{"browsers speak", func(*mixRig) []*downlink { return []*downlink{nil, nil, nil} }},
		{"terminals speak", func(r *mixRig) []*downlink { return r.calls[:3] }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			r := newMixRig(b, "G722", terminals)
			speakers := tc.speakers(r)
			payload := opusTone(b, 440)
			src := func(i int) uint32 {
				if speakers[i] != nil {
					return speakers[i].mic
				}
				return uint32(9000 + i)
			}
			var seq uint16
			step := func() {
				seq++
				for i, sp := range speakers {
					r.forward(src(i), seq, payload, i, sp)
				}
				r.tick()
			}
			for range 3 { // prebuffer
				step()
			}
			b.ResetTimer()
			for range b.N {
				step()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/terminals, "µs/stream")
		})
	}
}

// BenchmarkUplinkG722: one terminal's 20 ms of voice into the conference — G.722 decoded,
// its level measured, encoded in Opus at 16 kHz ("speech"); or only decoded and
// measured when it is silence, which is not encoded ("silence").
func BenchmarkUplinkG722(b *testing.B) {
	spec, _ := lookupCodec("G722", 9)
	for _, tc := range []struct {
		name string
		amp  float64
	}{{"speech", 1}, {"silence", 0}} {
		b.Run(tc.name, func(b *testing.B) {
			enc, err := newVoice(spec)
			if err != nil {
				b.Fatal(err)
			}
			pcm := toneFrame(16000, 440)
			for i := range pcm {
				pcm[i] = int16(float64(pcm[i]) * tc.amp)
			}
			var frames [][]byte // a stretch of one continuous stream, played in a loop
			for i := range 60 {
				g722, err := enc.encode(pcm)
				if err != nil {
					b.Fatal(err)
				}
				if i >= 10 {
					frames = append(frames, append([]byte(nil), g722...))
				}
			}
			dec, err := newVoice(spec)
			if err != nil {
				b.Fatal(err)
			}
			u, err := newUplink(spec, dec, func(uint16, uint32, uint8, []byte) {})
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				u.packet(frames[i%len(frames)])
			}
		})
	}
}
