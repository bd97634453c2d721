package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

// The browser suite drives the real join page in headless Chromium against the real app:
// store, registry, MCU and HTTP server as `diemcau serve` wires them.

const browserRegistry = `id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip
UBND-TINH,Phòng họp UBND tỉnh,UBND-TINH,Văn phòng UBND tỉnh,province,main,Phòng họp trực tuyến,Pleiku,10.0.0.10
SO-KHCN,Sở Khoa học và Công nghệ,SO-KHCN,Sở Khoa học và Công nghệ,agency,sub,Phòng họp,Pleiku,10.0.0.11
XA-IAGRAI,Xã Ia Grai,XA-IAGRAI,Xã Ia Grai,commune,sub,Phòng họp UBND xã,Ia Grai,10.0.1.10
XA-MAU-A,Xã mẫu A,XA-MAU-A,Xã mẫu A,commune,sub,Phòng họp UBND xã,Xã mẫu A,10.0.1.11
XA-MAU-B,Xã mẫu B,XA-MAU-B,Xã mẫu B,commune,sub,Phòng họp UBND xã,Xã mẫu B,10.0.1.12
`

// browserBP is the bridge point the browser takes the place of.
const browserBP = "XA-IAGRAI"

// findChromium returns the browser to drive: $CHROMIUM, else a chromium or chrome on PATH.
// Outside CI a missing browser skips the suite; in CI (CI set) it fails it.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but no Chromium is installed (apt-get install -y chromium)")
	}
	t.Skip("no Chromium found (install the chromium package or set CHROMIUM): browser tests skipped")
	return ""
}

// browserRig is the app under test; restart stops it and starts it again on the same port.
type browserRig struct {
	t       *testing.T
	dir     string
	addr    string
	app     *app
	conf    *mcu.Conference
	secrets map[string]string
	events  <-chan mcu.Event
	unsub   func()
}

func newBrowserRig(t *testing.T) *browserRig {
	t.Helper()
	r := &browserRig{t: t, dir: t.TempDir(), addr: "127.0.0.1:0", secrets: map[string]string{}}
	r.start()
	ctx := context.Background()
	if _, err := r.app.reg.Import(ctx, strings.NewReader(browserRegistry), "vi"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"UBND-TINH", "SO-KHCN", browserBP, "XA-MAU-A", "XA-MAU-B"} {
		s, err := r.app.reg.Rotate(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		r.secrets[id] = s
	}
	r.openMeeting()
	t.Cleanup(r.stop)
	return r
}

// start opens the app and its HTTP server on r.addr (a fixed port after the first start).
func (r *browserRig) start() {
	r.t.Helper()
	cf := commonFlags{db: filepath.Join(r.dir, "diemcau.db"), http: r.addr, lang: "vi",
		logFile: filepath.Join(r.dir, "diemcau.log")}
	a, err := openApp(context.Background(), cf, true)
	if err != nil {
		r.t.Fatal(err)
	}
	var serr error
	for i := 0; i < 50; i++ { // the old listener's port may take a moment to free
		if serr = a.serveHTTP(); serr == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if serr != nil {
		a.close()
		r.t.Fatal(serr)
	}
	r.app = a
	r.addr = strings.TrimPrefix(a.baseURL, "http://")
	r.events, r.unsub = a.mcu.Subscribe(4096)
}

// openMeeting opens a meeting with the three bridge points.
func (r *browserRig) openMeeting() {
	r.t.Helper()
	ctx := context.Background()
	bps, err := r.app.reg.BridgePoints(ctx)
	if err != nil {
		r.t.Fatal(err)
	}
	conf, err := r.app.live.Open(ctx, live.Spec{Meeting: store.Meeting{Title: "Kiểm thử trình duyệt", MainBP: "UBND-TINH"}, Host: "Văn phòng UBND tỉnh", Members: bps})
	if err != nil {
		r.t.Fatal(err)
	}
	r.conf = conf
}

func (r *browserRig) stop() {
	if r.app != nil {
		r.unsub()
		r.app.close()
		r.app = nil
	}
}

// restart stops the whole server (MCU, HTTP, store) and starts it again on the same port.
func (r *browserRig) restart() {
	r.t.Helper()
	r.stop()
	r.start()
	r.openMeeting()
}

// participant returns the live state of one bridge point.
func (r *browserRig) participant(id string) mcu.Participant {
	for _, p := range r.conf.Snapshot().Participants {
		if p.ID == id {
			return p
		}
	}
	r.t.Fatalf("no participant %s", id)
	return mcu.Participant{}
}

// waitEvent waits for an event of kind about bp.
func (r *browserRig) waitEvent(kind mcu.EventKind, bp string, d time.Duration) mcu.Event {
	r.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case ev := <-r.events:
			if ev.Kind == kind && ev.BridgePoint == bp {
				return ev
			}
		case <-deadline:
			r.t.Fatalf("no %s event for %s within %v", kind, bp, d)
			return mcu.Event{}
		}
	}
}

// joinSoft connects a soft bridge point with the clips from testdata.
func (r *browserRig) joinSoft(clips *softep.Clips, id string) *softep.Endpoint {
	r.t.Helper()
	ep := softep.New(softep.Config{
		URL: r.app.baseURL, ID: id, Token: r.secrets[id], Clips: clips, Receive: true,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	ep.SetTalking(true)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := ep.Join(ctx); err != nil {
		r.t.Fatalf("join %s: %v", id, err)
	}
	r.t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		_ = ep.Leave(ctx)
	})
	return ep
}

// dumpLog prints the end of the app's log when the test failed.
func (r *browserRig) dumpLog() {
	if !r.t.Failed() {
		return
	}
	b, _ := os.ReadFile(filepath.Join(r.dir, "diemcau.log"))
	if len(b) > 6000 {
		b = b[len(b)-6000:]
	}
	r.t.Logf("app log (end):\n%s", b)
}

// newBrowser starts headless Chromium with fake camera and microphone and a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := findChromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("autoplay-policy", "no-user-gesture-required"),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("mute-audio", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		t.Fatalf("start Chromium %s: %v", path, err)
	}
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	return bctx
}

// browserTab is one page of the browser.
type browserTab struct {
	t   *testing.T
	ctx context.Context
}

// newTab opens url in a new tab; initScripts run in the page before its own scripts.
func newTab(t *testing.T, browser context.Context, url string, initScripts ...string) *browserTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tab := &browserTab{t: t, ctx: ctx}
	var steps []chromedp.Action[chromedp.Void]
	for _, src := range initScripts {
		steps = append(steps, chromedp.Func(func(ctx context.Context, target *chromedp.Target) error {
			_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
			return err
		}))
	}
	steps = append(steps, chromedp.Navigate(url))
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	return tab
}

// eval evaluates a JavaScript expression and decodes its value into out.
func (b *browserTab) eval(expr string, out any) error {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// text returns document.getElementById(id).textContent.
func (b *browserTab) text(id string) string {
	var s string
	if err := b.eval(fmt.Sprintf("document.getElementById(%q).textContent", id), &s); err != nil {
		b.t.Fatalf("read #%s: %v", id, err)
	}
	return s
}

// click clicks the element with the given id.
func (b *browserTab) click(id string) {
	b.t.Helper()
	var ok bool
	if err := b.eval(fmt.Sprintf("(() => { const e = document.getElementById(%q); if (!e || e.disabled || e.hidden) return false; e.click(); return true })()", id), &ok); err != nil || !ok {
		b.t.Fatalf("click #%s: clickable=%v err=%v", id, ok, err)
	}
}

// waitJS polls a boolean JavaScript expression until it is true.
func (b *browserTab) waitJS(what, expr string, d time.Duration) {
	b.t.Helper()
	deadline := time.Now().Add(d)
	for {
		var ok bool
		err := b.eval(expr, &ok)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			var state, status string
			_ = b.eval("document.body.dataset.state", &state)
			_ = b.eval("(document.getElementById('status')||{}).textContent + ' | ' + (document.getElementById('error')||{}).textContent", &status)
			b.t.Fatalf("timed out waiting for %s (page state %q: %s; last error %v)", what, state, status, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pollUntil polls cond until it holds or d passes.
func pollUntil(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestBrowserJoinPage(t *testing.T) {
	browser := newBrowser(t)
	clips := testdataClips(t)
	r := newBrowserRig(t)
	defer r.dumpLog()
	base := r.app.baseURL

	t.Run("wrong secret and unknown bridge point read the same", func(t *testing.T) {
		for _, url := range []string{base + "/join/" + browserBP + "?lang=vi#k=wrong-secret", base + "/join/KHONG-CO?lang=vi#k=whatever"} {
			tab := newTab(t, browser, url)
			tab.waitJS("the error", `document.getElementById('error').textContent !== ''`, 10*time.Second)
			if got, want := tab.text("error"), "Mã điểm cầu hoặc mã tham gia không đúng."; got != want {
				t.Errorf("%s: error %q, want %q", url, got, want)
			}
		}
	})

	r.joinSoft(clips, "UBND-TINH")
	r.joinSoft(clips, "SO-KHCN")
	tab := newTab(t, browser, base+"/join/"+browserBP+"?lang=vi#k="+r.secrets[browserBP], recordCSPViolations)

	t.Run("joins and wipes the secret from the address", func(t *testing.T) {
		tab.waitJS("joined", `document.body.dataset.state === 'joined'`, 20*time.Second)
		var href string
		if err := tab.eval("location.href", &href); err != nil || strings.Contains(href, "#") || strings.Contains(href, r.secrets[browserBP]) {
			t.Errorf("address after join %q (err %v): the fragment must be gone", href, err)
		}
		r.waitEvent(mcu.EventJoined, browserBP, 5*time.Second)
		var violations []string
		if err := tab.eval("window.cspViolations || []", &violations); err != nil || len(violations) > 0 {
			t.Errorf("the page breaks its own Content-Security-Policy: %v (err %v)", violations, err)
		}
		var styled bool
		if err := tab.eval("getComputedStyle(document.querySelector('header')).display === 'flex'", &styled); err != nil || !styled {
			t.Errorf("the style sheet did not apply (err %v)", err)
		}
	})

	t.Run("the MCU receives Opus and VP8 from the page", func(t *testing.T) {
		pollUntil(t, "video resolution from the browser", 15*time.Second, func() bool {
			p := r.participant(browserBP)
			return p.Connected && p.PacketsIn > 100 && p.Quality.Width > 0 && p.Quality.Height > 0
		})
		pollUntil(t, "the browser's audio forwarded", 10*time.Second, func() bool { return r.conf.ForwardedAudio(browserBP) > 20 })
		p := r.participant(browserBP)
		t.Logf("browser camera at the MCU: %dx%d, %d packets in", p.Quality.Width, p.Quality.Height, p.PacketsIn)
	})

	t.Run("the page shows both slots and names them", func(t *testing.T) {
		tab.waitJS("pictures on both slots", `document.getElementById('v-main').videoWidth > 0 && document.getElementById('v-speaker').videoWidth > 0`, 20*time.Second)
		tab.waitJS("slot names", `document.getElementById('n-main').dataset.bp === 'UBND-TINH' && document.getElementById('n-speaker').dataset.bp === 'SO-KHCN'`, 10*time.Second)
		if got := tab.text("n-main"); got != "Phòng họp UBND tỉnh" {
			t.Errorf("main slot caption %q", got)
		}
		tab.waitJS("audio slots playing", `['a1','a2'].every(id => { const e = document.getElementById(id); return e.srcObject && !e.paused })`, 10*time.Second)
		tab.waitJS("connection quality", `Number(document.getElementById('quality').dataset.inKbps) > 50 && document.getElementById('quality').dataset.rttMs !== ''`, 15*time.Second)
		t.Logf("quality line: %s", tab.text("quality"))
	})

	t.Run("a hard mute reaches the page and stops its audio", func(t *testing.T) {
		ctx := context.Background()
		if err := r.conf.Mute(ctx, "test:ktv", browserBP, mcu.HardMute); err != nil {
			t.Fatal(err)
		}
		frozen := r.conf.ForwardedAudio(browserBP)
		tab.waitJS("hard mute shown", `document.getElementById('mic-state').dataset.mode === 'hard' && document.getElementById('unmute').hidden`, 5*time.Second)
		before := r.participant(browserBP).PacketsIn
		time.Sleep(1500 * time.Millisecond)
		if got := r.conf.ForwardedAudio(browserBP); got != frozen {
			t.Errorf("forwarded audio went from %d to %d while hard-muted", frozen, got)
		}
		if after := r.participant(browserBP).PacketsIn; after <= before {
			t.Error("the page stopped sending altogether: the MCU must drop, the test must see packets arrive")
		}
		// A soft mute may be lifted from the page.
		if err := r.conf.Mute(ctx, "test:ktv", browserBP, mcu.SoftMute); err != nil {
			t.Fatal(err)
		}
		tab.waitJS("soft mute shown with an unmute button", `document.getElementById('mic-state').dataset.mode === 'soft' && !document.getElementById('unmute').hidden`, 5*time.Second)
		tab.click("unmute")
		r.waitEvent(mcu.EventUnmuted, browserBP, 5*time.Second)
		tab.waitJS("unmuted shown", `document.getElementById('mic-state').dataset.mode === 'unmuted'`, 5*time.Second)
		pollUntil(t, "audio forwarded again", 5*time.Second, func() bool { return r.conf.ForwardedAudio(browserBP) > frozen+10 })
	})

	t.Run("raise hand reaches the queue", func(t *testing.T) {
		tab.click("hand")
		ev := r.waitEvent(mcu.EventSpeakRequest, browserBP, 5*time.Second)
		if ev.RequestID == 0 {
			t.Error("speak request without an ID")
		}
		found := false
		for _, q := range r.conf.Snapshot().Requests {
			found = found || q.BridgePoint == browserBP
		}
		if !found {
			t.Error("the page's request is not in the queue")
		}
		tab.click("hand")
		r.waitEvent(mcu.EventSpeakCancel, browserBP, 5*time.Second)
	})

	t.Run("the camera pauses while no slot shows it and resumes when one does", func(t *testing.T) {
		ctx := context.Background()
		a, b := r.joinSoft(clips, "XA-MAU-A"), r.joinSoft(clips, "XA-MAU-B")
		defer func() {
			for _, ep := range []*softep.Endpoint{a, b} {
				lctx, cancel := context.WithTimeout(ctx, 3*time.Second)
				_ = ep.Leave(lctx)
				cancel()
			}
		}()
		// The floor to XA-MAU-A and then to SO-KHCN: every receiver's speaker slot shows
		// SO-KHCN (SO-KHCN's own shows XA-MAU-A); UBND-TINH's main slot shows the loudest open
		// site, XA-MAU-B; the page, hard-muted, is on nobody's slot.
		if err := r.conf.Mute(ctx, "test:ktv", browserBP, mcu.HardMute); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"XA-MAU-A", "SO-KHCN"} {
			if err := r.conf.GrantFloor(ctx, "test:ktv", id); err != nil {
				t.Fatal(err)
			}
		}
		tab.waitJS("the pause shown", `!document.getElementById('cam-state').hidden`, 10*time.Second)
		pollUntil(t, "the page's camera stopped at the MCU", 5*time.Second, func() bool {
			q := r.participant(browserBP).Quality
			return q.VideoPaused && q.FPS == 0
		})
		if p := r.participant(browserBP); !p.Connected {
			t.Fatal("the page dropped while its camera was paused")
		}
		if err := r.conf.GrantFloor(ctx, "test:ktv", browserBP); err != nil {
			t.Fatal(err)
		}
		tab.waitJS("the pause note gone", `document.getElementById('cam-state').hidden`, 5*time.Second)
		pollUntil(t, "the page's camera back at the MCU", 10*time.Second, func() bool {
			q := r.participant(browserBP).Quality
			return !q.VideoPaused && q.FPS > 5
		})
		if err := r.conf.RevokeFloor(ctx, "test:ktv", browserBP); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("the page rejoins by itself after a server restart", func(t *testing.T) {
		r.restart()
		r.waitEvent(mcu.EventJoined, browserBP, 25*time.Second)
		tab.waitJS("joined again", `document.body.dataset.state === 'joined'`, 10*time.Second)
		pollUntil(t, "media from the page after the restart", 10*time.Second, func() bool {
			return r.participant(browserBP).PacketsIn > 50
		})
	})

	t.Run("leaving ends the WHIP session", func(t *testing.T) {
		tab.click("leave")
		if ev := r.waitEvent(mcu.EventLeft, browserBP, 5*time.Second); ev.Detail != "left" {
			t.Errorf("left with reason %q, want the DELETE's %q", ev.Detail, "left")
		}
		tab.waitJS("left shown", `document.body.dataset.state === 'left'`, 5*time.Second)
	})
}

// recordCSPViolations collects the page's Content-Security-Policy violations in window.cspViolations.
const recordCSPViolations = `document.addEventListener('securitypolicyviolation', (e) => {
  (window.cspViolations = window.cspViolations || []).push(e.violatedDirective + ' ' + e.blockedURI);
});`

// noCamera makes the page's browser look like a laptop without a camera: asking for video
// fails as it does there (NotFoundError) and no video input is listed.
const noCamera = `(() => {
  const md = navigator.mediaDevices;
  if (!md) return;
  const gum = md.getUserMedia.bind(md), list = md.enumerateDevices.bind(md);
  md.getUserMedia = (c) => (c && c.video) ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) : gum(c);
  md.enumerateDevices = async () => (await list()).filter((d) => d.kind !== 'videoinput');
})();`

// TestBrowserCodecsAndAudioOnly: a page asking for H.264 sends H.264 to the MCU, and a VP8
// page is told why that picture stays empty; a browser without a camera joins audio-only.
func TestBrowserCodecsAndAudioOnly(t *testing.T) {
	browser := newBrowser(t)
	dir, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	clips, err := softep.LoadClips(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := newBrowserRig(t)
	defer r.dumpLog()
	base := r.app.baseURL
	r.joinSoft(clips, "UBND-TINH")

	h264 := newTab(t, browser, base+"/join/SO-KHCN?lang=en&codec=h264#k="+r.secrets["SO-KHCN"])
	h264.waitJS("H.264 page joined", `document.body.dataset.state === 'joined'`, 20*time.Second)
	audioOnly := newTab(t, browser, base+"/join/"+browserBP+"?lang=vi#k="+r.secrets[browserBP], noCamera)
	audioOnly.waitJS("audio-only page joined", `document.body.dataset.state === 'joined'`, 20*time.Second)

	t.Run("no camera: joins with audio only", func(t *testing.T) {
		if got := audioOnly.text("notice"); !strings.Contains(got, "chỉ bằng âm thanh") {
			t.Errorf("notice %q does not say audio only", got)
		}
		pollUntil(t, "audio of the camera-less page forwarded", 10*time.Second, func() bool { return r.conf.ForwardedAudio(browserBP) > 20 })
		if p := r.participant(browserBP); p.Quality.Width != 0 {
			t.Errorf("a page without camera sent video: %dx%d", p.Quality.Width, p.Quality.Height)
		}
		audioOnly.waitJS("main slot picture on the camera-less page", `document.getElementById('v-main').videoWidth > 0`, 15*time.Second)
	})

	t.Run("H.264 from the page; the VP8 page is told why the slot is empty", func(t *testing.T) {
		ev := r.waitEvent(mcu.EventCodecMismatch, browserBP, 15*time.Second)
		for _, want := range []string{"source=SO-KHCN", "codec=video/H264", "accepts=video/VP8"} {
			if !strings.Contains(ev.Detail, want) {
				t.Errorf("mismatch event %q lacks %q", ev.Detail, want)
			}
		}
		pollUntil(t, "H.264 packets and resolution from the page", 10*time.Second, func() bool {
			p := r.participant("SO-KHCN")
			return p.PacketsIn > 200 && p.Quality.Width > 0 && p.Quality.Height > 0
		})
		p := r.participant("SO-KHCN")
		t.Logf("H.264 camera at the MCU: %dx%d", p.Quality.Width, p.Quality.Height)
		audioOnly.waitJS("codec notice on the VP8 page", `document.getElementById('notice').textContent.includes('H264')`, 10*time.Second)
		t.Logf("VP8 page notice: %s", audioOnly.text("notice"))
		// The H.264 page cannot take the main bridge point's VP8 camera either, and says so.
		h264.waitJS("codec notice on the H.264 page", `document.getElementById('notice').textContent.includes('VP8')`, 10*time.Second)
	})
}
