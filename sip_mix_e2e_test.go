package main

import (
	"context"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/sip/baresiptest"
)

// Two room systems (real baresip UAs, G.722) in one meeting, each sending its own tone, each
// hear the other and not themselves through the conference's shared SIP mix; hard-muted, one is
// no longer heard by the other and still hears it.
func TestSIPTerminalsHearEachOther(t *testing.T) {
	r, _ := newSIPRig(t)
	sipAddr := r.a.sip.Addr()
	terms := map[string]*baresiptest.UA{}
	tones := map[string]float64{"XA-001": 600, "XA-002": 1000}
	for id, freq := range tones {
		ua := baresiptest.Start(t, "<sip:"+id+"@127.0.0.1>;auth_pass="+r.tokens[id]+";regint=0;audio_codecs=G722/16000/1",
			baresiptest.ToneWAV(t, freq, 30))
		ua.Command("dial", "sip:"+id+"@"+sipAddr)
		ua.WaitOutput(20*time.Second, "Call established")
		terms[id] = ua
	}
	for id, ua := range terms {
		other := "XA-001"
		if id == other {
			other = "XA-002"
		}
		waitFor(t, id+" hearing "+other, 20*time.Second, func() bool {
			own, theirs := lastSecond(ua.Heard(), tones[id]), lastSecond(ua.Heard(), tones[other])
			return theirs > -35 && own < theirs-25
		})
		if own := lastSecond(ua.Heard(), tones[id]); own > -50 {
			t.Fatalf("%s hears its own voice at %.0f dBFS", id, own)
		}
	}
	if err := r.conf.Mute(context.Background(), "console:test", "XA-001", mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "XA-002 no longer hearing the muted XA-001", 20*time.Second, func() bool {
		return lastSecond(terms["XA-002"].Heard(), 600) < -50
	})
	time.Sleep(time.Second) // a second more of the mute
	if p := lastSecond(terms["XA-002"].Heard(), 600); p > -50 {
		t.Fatalf("XA-002 hears the muted XA-001 again at %.0f dBFS", p)
	}
	if p := lastSecond(terms["XA-001"].Heard(), 1000); p < -35 {
		t.Fatalf("the muted XA-001 no longer hears XA-002 (%.0f dBFS)", p)
	}
}

// lastSecond is the power (dB) at freq of the last second of what a terminal heard (G.722: 16 kHz).
func lastSecond(pcm []int16, freq float64) float64 {
	if len(pcm) < 16000 {
		return -200
	}
	return baresiptest.ToneDB(pcm[len(pcm)-16000:], 16000, freq)
}
