package main

import (
	"bytes"
	"os"
	"testing"
	"time"

	"diemcau/sip/baresiptest"
)

// Two room systems (baresip with an H.264 test picture) in one meeting: each one's camera
// enters the conference as H.264, and the other receives the speaker's on its speaker slot,
// forwarded without transcoding, and decodes it (the keyframe asked with PLI and FIR).
func TestSIPTerminalsExchangeH264(t *testing.T) {
	r, mic := newSIPRig(t)
	var uas []*baresiptest.UA
	for _, id := range []string{"XA-001", "XA-002"} {
		ua := baresiptest.StartConfig(t, baresiptest.Config{Mic: mic, Video: true,
			Account: "<sip:" + id + "@127.0.0.1>;auth_pass=" + r.tokens[id] + ";regint=0;audio_codecs=G722/16000/1"})
		ua.Command("dial", "sip:"+id+"@"+r.a.sip.Addr())
		ua.WaitOutput(20*time.Second, "Call established")
		uas = append(uas, ua)
	}
	for _, id := range []string{"XA-001", "XA-002"} {
		waitFor(t, id+"'s H.264 camera in the conference", 15*time.Second, func() bool {
			p := sipParticipant(t, r, id)
			return p.Connected && p.VideoCodec == "video/H264" && p.VideoIn > 30
		})
	}
	waitFor(t, "a terminal on the speaker slot", 15*time.Second, func() bool { return r.conf.Snapshot().Speaker != "" })
	listener := map[string]*baresiptest.UA{"XA-001": uas[1], "XA-002": uas[0]}[r.conf.Snapshot().Speaker]
	// baresip's words for the first RTP of a stream; its H.264 decoder needs the keyframe the
	// MCU asked the speaker for (PLI and FIR) when it put it on the slot.
	listener.WaitOutput(15*time.Second, "incoming rtp for 'video' established")
	png := listener.SnapshotReceived()
	waitFor(t, "a picture the listener decoded (a PNG snapshot)", 15*time.Second, func() bool {
		b, err := os.ReadFile(png)
		return err == nil && bytes.HasPrefix(b, []byte("\x89PNG"))
	})
}
