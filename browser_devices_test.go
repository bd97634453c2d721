package main

import (
	"testing"
	"time"
)

// TestBrowserPreviewAndDevicePicker: the join page lists the browser's camera and microphone to
// pick from and shows the site its own picture once joined.
func TestBrowserPreviewAndDevicePicker(t *testing.T) {
	browser := newBrowser(t)
	r := newBrowserRig(t)
	defer r.dumpLog()
	tab := newTab(t, browser, r.app.baseURL+"/join/"+browserBP+"?lang=en#k="+r.secrets[browserBP])
	tab.waitJS("page joined", `document.body.dataset.state === 'joined'`, 20*time.Second)
	for _, id := range []string{"cam", "mic"} {
		tab.waitJS("a device to pick in #"+id, `(() => { const s = document.getElementById('`+id+`');
			return !s.disabled && s.options.length > 0 && [...s.options].every(o => o.value !== '' && o.textContent !== '') })()`, 10*time.Second)
	}
	tab.waitJS("the site's own picture", `(() => { const v = document.getElementById('preview');
		return v.srcObject && v.srcObject.getVideoTracks().length === 1 && v.videoWidth > 0 })()`, 10*time.Second)
	pollUntil(t, "the page's media at the MCU", 10*time.Second, func() bool { return r.participant(browserBP).PacketsIn > 50 })
}
