package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media"

	"diemcau/meeting"
	"diemcau/store"
	"diemcau/tui"
)

// videoOnlyPublisher joins bridge point id over WHIP with real Pion WebRTC, sending the 720p
// camera clip and no audio at all (a send-only offer, like OBS without a microphone). It
// leaves when the test ends.
func videoOnlyPublisher(t *testing.T, r *floorRig, id string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var se webrtc.SettingEngine
	se.SetIncludeLoopbackCandidate(true)
	se.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	pc, err := webrtc.NewAPI(webrtc.WithSettingEngine(se)).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); pc.Close() })
	track, err := webrtc.NewTrackLocalStaticSample(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8}, "video", id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pc.AddTransceiverFromTrack(track, webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionSendonly}); err != nil {
		t.Fatal(err)
	}
	offer, err := pc.CreateOffer(nil)
	if err != nil {
		t.Fatal(err)
	}
	gathered := webrtc.GatheringCompletePromise(pc)
	if err := pc.SetLocalDescription(offer); err != nil {
		t.Fatal(err)
	}
	<-gathered
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.url+"/whip/"+id, strings.NewReader(pc.LocalDescription().SDP))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+r.tokens[id])
	req.Header.Set("Content-Type", "application/sdp")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("whip %s: %s %s %v", id, resp.Status, answer, err)
	}
	if err := pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: string(answer)}); err != nil {
		t.Fatal(err)
	}
	frames := r.clips.Camera.Frames
	go func() {
		tick := time.NewTicker(time.Second / 30)
		defer tick.Stop()
		for i := 0; ; i = (i + 1) % len(frames) {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			if err := track.WriteSample(media.Sample{Data: frames[i], Duration: time.Second / 30}); errors.Is(err, io.ErrClosedPipe) {
				return
			}
		}
	}()
}

// failed lists the items of rs that did not pass.
func failed(rs []meeting.ItemResult) []meeting.TestItem {
	var out []meeting.TestItem
	for _, r := range rs {
		if !r.Passed {
			out = append(out, r.Item)
		}
	}
	return out
}

// TestTestSessionMeasuredOverLoopback runs a test session on real soft endpoints over loopback
// WebRTC: the commune sending speech and the 720p clip passes every measured item with the MCU's
// own figures; a commune publishing video without a microphone fails the audio item (and the
// RTT, having nothing to report on); an absent one fails them all.
func TestTestSessionMeasuredOverLoopback(t *testing.T) {
	r := newFloorRig(t, 3, false)
	r.join(t, "UBND-TINH") // the main bridge point sends to XA-001, whose receiver reports give the RTT
	r.join(t, "XA-001")
	videoOnlyPublisher(t, r, "XA-002")
	meter := meeting.NewTestMeter()
	limits := meeting.DefaultTestThresholds
	check := func(id string) []meeting.ItemResult { return limits.Evaluate(meter.Measurement(id)) }
	var last string
	deadline := time.Now().Add(30 * time.Second)
	for {
		now := time.Now()
		for _, p := range r.conf.Snapshot().Participants {
			meter.Observe(p.ID, tui.Measure(p), now)
		}
		good, mute := check("XA-001"), check("XA-002")
		last = fmt.Sprintf("XA-001 %+v\nXA-002 %+v", good, mute)
		if len(failed(good)) == 0 && !slices.Contains(failed(mute), meeting.ItemVideo) {
			break
		}
		if now.After(deadline) {
			t.Fatalf("the test session never measured a passing endpoint:\n%s", last)
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Log(last)
	good := meter.Measurement("XA-001")
	if good.Width != 1280 || good.Height != 720 || good.AudioLevel < limits.MinAudioLevel || good.RTTMs <= 0 {
		t.Errorf("XA-001's figures are not what its clips carry: %+v", good)
	}
	// A send-only publisher receives nothing from the MCU, so no receiver report gives its RTT:
	// the item fails as not measured rather than passing on a zero.
	if f := failed(check("XA-002")); !slices.Equal(f, []meeting.TestItem{meeting.ItemAudio, meeting.ItemRTT}) {
		t.Errorf("video without a microphone failed %v, want audio and RTT (%+v)", f, meter.Measurement("XA-002"))
	}
	if f := failed(check("XA-003")); !slices.Equal(f, meeting.MeasuredItems) {
		t.Errorf("the absent commune failed %v, want every measured item", f)
	}

	// Saved as the technician sees it: XA-001 passes with every manual item ticked, XA-002 is
	// flagged until re-tested.
	ticks := map[meeting.TestItem]bool{}
	for _, it := range meeting.ManualItems {
		ticks[it] = true
	}
	ctx := context.Background()
	for _, id := range []string{"XA-001", "XA-002"} {
		items := limits.Checklist(meter.Measurement(id), ticks)
		if _, err := meeting.SaveTestResult(ctx, r.st, r.conf.Snapshot().MeetingID, id, items, "console:test", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	latest, err := r.st.LatestTestResults(ctx, r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	if f := meeting.FailedTestPoints(latest); !slices.Equal(f, []string{"XA-002"}) {
		t.Fatalf("flagged %v, want XA-002", f)
	}
}

// TestConsoleTestSessionCompletesBooking runs the console in a real Bubble Tea program on a
// meeting opened from a booking, with real soft endpoints for the host's room and the booked
// commune: T opens the test session, the technician ticks the six manual items of each once the
// MCU's figures pass, enter saves; both results pass in SQLite, and the booking's "test session
// done" step is recorded with the technician's identity.
func TestConsoleTestSessionCompletesBooking(t *testing.T) {
	r := newFloorRig(t, 2, false)
	ctx := context.Background()
	start := time.Now().Add(10 * 24 * time.Hour)
	id, err := r.st.AddBooking(ctx, store.Booking{Kind: "b", HostUnit: "UBND-TINH", RoomBP: "UBND-TINH",
		Content: "Họp giao ban", StartsAt: start, EndsAt: start.Add(2 * time.Hour), FiledAt: time.Now(),
		FiledBy: "console:kythuat", Points: []store.BookingPoint{{BridgePoint: "XA-001", Attendees: 10}}}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	desk := &meeting.Desk{Store: r.st}
	for _, s := range []meeting.Step{meeting.StepConfirmed, meeting.StepPowerNotified} {
		if err := desk.Advance(ctx, id, s, "console:kythuat", ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := desk.Link(ctx, id, r.conf.Snapshot().MeetingID, "console:kythuat"); err != nil {
		t.Fatal(err)
	}
	r.join(t, "UBND-TINH")
	r.join(t, "XA-001")

	m := tui.New(tui.Options{MCU: r.mcu, Conference: r.conf.ID(), Store: r.st, Actor: "console:kythuat"})
	t.Cleanup(m.Close)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	var drawn bytes.Buffer
	from := 0 // where in the output the awaited text may start
	waitScreen := func(want string) {
		t.Helper()
		deadline := time.Now().Add(30 * time.Second)
		for !strings.Contains(ansi.Strip(drawn.String()[from:]), want) {
			if time.Now().After(deadline) {
				out := ansi.Strip(drawn.String())
				t.Fatalf("%q never drawn; last screen:\n%s", want, out[max(0, len(out)-2500):])
			}
			time.Sleep(50 * time.Millisecond)
			if _, err := drawn.ReadFrom(tm.Output()); err != nil {
				t.Fatal(err)
			}
		}
	}
	tm.Type("T")
	waitScreen("Kiểm duyệt (Điều 10)")
	// The first save says it was saved; the second completes the booking, which the status says.
	for i, name := range []string{"Phòng họp UBND tỉnh", "Xã số 1"} {
		waitScreen(name + " · MCU đo")
		waitScreen("✓ Trễ khứ hồi (RTT)") // the last measured item of the selected bridge point passes
		for range meeting.ManualItems {
			tm.Type(" ")
			tm.Send(tea.KeyMsg{Type: tea.KeyRight})
		}
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
		if i == 0 {
			waitScreen("Đã lưu kết quả kiểm duyệt của " + name + ": ĐẠT")
		} else {
			waitScreen(fmt.Sprintf("Mọi điểm cầu của đăng ký #%d đều đạt: đã ghi bước «đã kiểm duyệt»", id))
		}
		from = drawn.Len()
		tm.Send(tea.KeyMsg{Type: tea.KeyDown})
	}
	var b store.Booking
	deadline := time.Now().Add(10 * time.Second)
	for {
		if b, err = r.st.Booking(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, ok := b.Step(string(meeting.StepTestDone)); ok || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	latest, err := r.st.LatestTestResults(ctx, r.conf.Snapshot().MeetingID)
	if err != nil {
		t.Fatal(err)
	}
	if len(latest) != 2 || !latest[0].Passed || !latest[1].Passed {
		t.Fatalf("saved results %+v", latest)
	}
	for _, res := range latest {
		if res.TestedBy != "console:kythuat" || res.BookingID != id {
			t.Errorf("result %+v not by the technician or not on booking %d", res, id)
		}
	}
	if st, ok := b.Step(string(meeting.StepTestDone)); !ok || st.Actor != "console:kythuat" {
		t.Fatalf("booking steps %+v", b.Steps)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.Type("y")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}
