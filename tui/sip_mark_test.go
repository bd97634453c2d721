package tui

import (
	"strings"
	"testing"
)

// A site connected over SIP (a room system) is marked in its name cell at 80×24 in both
// languages; a WebRTC site and a site not connected are not, and the columns still fit.
func TestSIPSiteMarkedInTheTable(t *testing.T) {
	f := newFixture(t, 4)
	for _, lang := range []string{"vi", "en"} {
		m := f.model(t, lang, 80, 24)
		ps := f.conf.Snapshot().Participants
		ps[1].Connected, ps[1].Transport = true, "sip"
		ps[2].Connected, ps[2].Transport = true, "webrtc"
		m.table.SetParticipants(ps)
		view := plain(m.View())
		marked := 0
		for _, l := range strings.Split(view, "\n") {
			if strings.Contains(l, sipMark) {
				marked++
				if !strings.Contains(l, sipMark+ps[1].Name[:4]) {
					t.Errorf("%s: the SIP mark is not on the SIP site's row: %q", lang, l)
				}
			}
		}
		if marked != 1 {
			t.Errorf("%s: %d rows marked SIP, want 1:\n%s", lang, marked, view)
		}
		checkFits(t, lang+" SIP mark", m.View(), 80, 24)
	}
}
