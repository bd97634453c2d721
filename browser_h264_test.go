package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestBrowserH264WhenMeetingHasSIP: once the registry says a site of the meeting is a SIP room
// system (address trust), the meeting prefers H.264: headless Chromium, offering its default
// codecs (VP8 first, no ?codec=), is answered with H.264 and sends it, with its resolution read
// from the SPS; the soft endpoint sends the H.264 clip, and the page shows it on its main slot
// without a codec notice.
func TestBrowserH264WhenMeetingHasSIP(t *testing.T) {
	browser := newBrowser(t)
	clips := testdataClips(t)
	r := newBrowserRig(t)
	defer r.dumpLog()
	if r.conf.PrefersH264() {
		t.Fatal("the meeting prefers H.264 before any site is a SIP room system")
	}
	if err := r.app.st.SetSIPAddressTrust(context.Background(), "XA-MAU-B", true); err != nil {
		t.Fatal(err)
	}
	r.restart()
	if !r.conf.PrefersH264() {
		t.Fatal("the meeting expecting a SIP room system does not prefer H.264")
	}
	r.joinSoft(clips, "UBND-TINH")
	pollUntil(t, "the soft endpoint sending H.264", 15*time.Second, func() bool {
		return r.participant("UBND-TINH").VideoCodec == "video/H264"
	})

	page := newTab(t, browser, r.app.baseURL+"/join/SO-KHCN?lang=en#k="+r.secrets["SO-KHCN"])
	page.waitJS("page joined", `document.body.dataset.state === 'joined'`, 20*time.Second)
	pollUntil(t, "H.264 with its resolution from the page", 15*time.Second, func() bool {
		p := r.participant("SO-KHCN")
		return p.VideoCodec == "video/H264" && p.Quality.Width > 0 && p.Quality.Height > 0
	})
	p := r.participant("SO-KHCN")
	t.Logf("Chromium's camera at the MCU: %s %dx%d", p.VideoCodec, p.Quality.Width, p.Quality.Height)
	page.waitJS("the soft endpoint's H.264 picture on the main slot", `document.getElementById('v-main').videoWidth === 1280`, 15*time.Second)
	if got := page.text("notice"); strings.Contains(got, "VP8") || strings.Contains(got, "H264") {
		t.Errorf("codec notice on a page answered with H.264: %q", got)
	}
}
