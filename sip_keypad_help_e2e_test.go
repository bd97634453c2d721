package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/sip/baresiptest"
)

// A room system's keypad *0 asks the control center for help: the conference's event log gets
// an incident event of the site (the console shows it as a warning line), and the meeting gets
// an incident draft of the site with the keypad's words, which the console counts among the
// drafts a technician must confirm or discard. The site's hand is not raised by it.
func TestSIPKeypadHelpIsAFlaggedDraft(t *testing.T) {
	r, mic := newSIPRig(t)
	events, cancel := r.a.mcu.Subscribe(256)
	defer cancel()
	term := baresiptest.Start(t, "<sip:XA-001@127.0.0.1>;auth_pass="+r.tokens["XA-001"]+";regint=0;audio_codecs=G722/16000/1", mic)
	term.Command("dial", "sip:XA-001@"+r.a.sip.Addr())
	term.WaitOutput(20*time.Second, "Call established")
	waitFor(t, "the terminal a connected member", 10*time.Second, func() bool { return sipParticipant(t, r, "XA-001").Connected })

	term.Command("sndcode", "*0")
	const words = "asks the control center for help" // --lang en
	deadline := time.After(15 * time.Second)
	for seen := false; !seen; {
		select {
		case ev := <-events:
			seen = ev.Kind == mcu.EventIncident && ev.BridgePoint == "XA-001" && strings.Contains(ev.Detail, words)
		case <-deadline:
			t.Fatal("no incident event of the site after its *0")
		}
	}
	meetingID := r.conf.Snapshot().MeetingID
	waitFor(t, "the help request an incident draft of the site", 10*time.Second, func() bool {
		incs, err := r.a.st.Incidents(context.Background(), meetingID)
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range incs {
			if in.BridgePoint == "XA-001" && in.Status == "draft" && strings.Contains(in.Description, words) {
				return true
			}
		}
		return false
	})
	for _, q := range r.conf.Snapshot().Requests {
		if q.BridgePoint == "XA-001" {
			t.Errorf("*0 raised the site's hand: %+v", q)
		}
	}
}
