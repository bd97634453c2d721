package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"diemcau/meeting"
	"diemcau/sip/baresiptest"
	"diemcau/tui"
)

// A room system (baresip sending G.722 and a 1280×720 H.264 test picture) of a booked site
// dials in while the booking's test session (Article 10.2.b) is open: it is seated in the test
// session's own conference, not refused, and every item of the checklist the MCU measures —
// connected, audio, video 720p from the SPS, bitrate, loss, jitter, RTT — is measured for it from
// its Participant as for a WebRTC site, and passes.
func TestSIPTerminalInTestSession(t *testing.T) {
	baresiptest.Need(t)
	r := newServerRig(t, 2)
	r.startServe(t)
	ctx := context.Background()
	booking := confirmedBooking(t, r.a.st, "Họp thử SIP", "UBND-TINH", time.Now().Add(24*time.Hour), "XA-001")
	conf, err := r.a.live.OpenTest(ctx, booking, "console:test")
	if err != nil {
		t.Fatal(err)
	}
	clip := cameraFile(t)
	mic := baresiptest.ToneWAVAt(t, 440, 90, 8000) // longer than the test: baresip hangs up when its microphone's file ends
	term := baresiptest.StartConfig(t, baresiptest.Config{Mic: mic, Video: true, VideoSize: "1280x720", VideoBitrate: 1500000, VideoFile: clip,
		Account: "<sip:XA-001@127.0.0.1>;auth_pass=" + r.tokens["XA-001"] + ";regint=0;audio_codecs=G722/16000/1"})
	term.Command("dial", "sip:XA-001@"+r.a.sip.Addr())
	term.WaitOutput(20*time.Second, "Call established")

	meter := meeting.NewTestMeter()
	limits := meeting.DefaultTestThresholds
	var last string
	deadline := time.Now().Add(40 * time.Second)
	for {
		conf.KeepCameras(5 * time.Second) // as the console's checklist view does
		now := time.Now()
		for _, p := range conf.Snapshot().Participants {
			if p.ID == "XA-001" && p.Transport != "sip" && p.Connected {
				t.Fatalf("the terminal is seated with transport %q", p.Transport)
			}
			meter.Observe(p.ID, tui.Measure(p), now)
		}
		got := limits.Evaluate(meter.Measurement("XA-001"))
		last = fmt.Sprintf("%+v\n%+v", meter.Measurement("XA-001"), got)
		if len(failed(got)) == 0 {
			break
		}
		if now.After(deadline) {
			t.Fatalf("the SIP site never passed the measured items of the test session:\n%s\n%+v", last, conf.Snapshot().Participants)
		}
		time.Sleep(time.Second)
	}
	t.Log(last)
	if m := meter.Measurement("XA-001"); m.Width != 1280 || m.Height != 720 {
		t.Errorf("the picture measured is %d×%d, not the terminal's 1280×720", m.Width, m.Height)
	}
	for _, p := range conf.Snapshot().Participants {
		if p.ID == "XA-001" && (!p.Connected || p.Transport != "sip" || p.VideoCodec != "video/H264") {
			t.Errorf("the terminal in the test session is not a connected SIP site sending H.264: %+v", p)
		}
	}
	if b, err := r.a.st.Booking(ctx, booking); err != nil || b.MeetingID != 0 {
		t.Errorf("the booking was linked to meeting %d by its test session (%v)", b.MeetingID, err)
	}
}

// cameraFile is the 720p H.264 clip (10 s) ten times over in a Matroska file, whose timestamps
// pace baresip's avformat camera: baresip decodes it and encodes it again, so that the bit rate
// is a real camera's, not the few kbit/s of its test picture. It needs ffmpeg (to mux).
func cameraFile(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("ffmpeg is not installed: CI must install it")
		}
		t.Skip("ffmpeg is not installed: the SIP test-session test is skipped")
	}
	one, err := os.ReadFile("testdata/video-720p.h264")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	raw, mkv := filepath.Join(dir, "camera.h264"), filepath.Join(dir, "camera.mkv")
	if err := os.WriteFile(raw, bytes.Repeat(one, 10), 0o600); err != nil { // an Annex B stream concatenates
		t.Fatal(err)
	}
	if out, err := exec.Command("ffmpeg", "-y", "-loglevel", "error", "-framerate", "25", "-i", raw, "-c", "copy", mkv).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	return mkv
}
