package main

import (
	"context"
	"testing"
	"time"

	"diemcau/live"
	"diemcau/sip/baresiptest"
)

// Two quiet room systems (baresip, unmuted: one microphone of digital silence, one at about
// -65 dBov) stay in the meeting well past live.NoMediaAfter, and the outage tracker opens no
// "no audio" draft (nor any other) for them: under the uplink's gate each still sends a silent
// keep-alive, which the tracker counts as audio arriving.
func TestSIPQuietTerminalKeepsItsMicrophoneAlive(t *testing.T) {
	r, _ := newSIPRig(t)
	mics := map[string]string{
		"XA-001": baresiptest.ToneWAVAt(t, 440, 40, 0),  // digital silence
		"XA-002": baresiptest.ToneWAVAt(t, 440, 40, 26), // about -65 dBov
	}
	for id, mic := range mics {
		ua := baresiptest.Start(t, "<sip:"+id+"@127.0.0.1>;auth_pass="+r.tokens[id]+";regint=0;audio_codecs=G722/16000/1", mic)
		ua.Command("dial", "sip:"+id+"@"+r.a.sip.Addr())
		ua.WaitOutput(20*time.Second, "Call established")
	}
	for id := range mics {
		waitFor(t, id+" a connected member over sip", 10*time.Second, func() bool {
			p := sipParticipant(t, r, id)
			return p.Connected && p.Transport == "sip"
		})
	}
	since := time.Now()
	meetingID := r.conf.Snapshot().MeetingID
	for time.Since(since) < live.NoMediaAfter+5*time.Second {
		for id := range mics {
			if p := sipParticipant(t, r, id); !p.Connected || p.Mute != "" {
				t.Fatalf("the quiet terminal %s left or was muted: %+v", id, p)
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	incs, err := r.a.st.Incidents(context.Background(), meetingID)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range incs {
		if mics[in.BridgePoint] != "" {
			t.Errorf("an incident was opened for a quiet but working terminal: %+v", in)
		}
	}
	for id := range mics {
		if p := sipParticipant(t, r, id); p.AudioIn == 0 {
			t.Errorf("%s: no microphone packet reached the conference (%+v)", id, p)
		}
	}
}
