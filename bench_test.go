package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"diemcau/bench"
	"diemcau/softep"
	"diemcau/softsip"
)

// TestMain lets the test binary play the bench's MCU child: `diemcau.test bench-mcu …`.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "bench-mcu" {
		if err := runBenchMCU(context.Background(), os.Args[2:]); err != nil {
			os.Exit(2)
		}
		os.Exit(0)
	}
	if os.Getenv(restartChildEnv) != "" { // the server process of TestCrashMidMeeting
		os.Exit(restartChild())
	}
	os.Exit(m.Run())
}

// TestBenchSmall runs the whole bench with three endpoints for a short window: the MCU in its
// own process, real WebRTC on loopback, the mute measured from the receivers.
func TestBenchSmall(t *testing.T) {
	clips, _ := benchClips(t, false)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := bench.Run(ctx, bench.Config{
		Executable: os.Args[0], Endpoints: 3, Duration: 3 * time.Second, Bitrate: 1_500_000, Clips: clips,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Joined != 3 || res.Connected != 3 || res.JoinFailed != 0 {
		t.Fatalf("joined %d, connected %d, failed %d", res.Joined, res.Connected, res.JoinFailed)
	}
	if res.PPSIn <= 0 || res.PPSOut <= 0 || res.MCUCPUPct <= 0 || res.USPerPacket <= 0 || res.MCURSSMB <= 0 {
		t.Errorf("empty measurements: %+v", res)
	}
	if res.JoinP50Ms <= 0 || res.JoinP99Ms < res.JoinP50Ms {
		t.Errorf("join times p50 %.1f p99 %.1f", res.JoinP50Ms, res.JoinP99Ms)
	}
	if !res.MuteSourceHeard {
		t.Error("the muted endpoint was not heard before the mute")
	}
	if res.AudioAfterMute != 0 {
		t.Errorf("%d audio packets forwarded after the mute", res.AudioAfterMute)
	}
	if res.InKbps < 300 {
		t.Errorf("inbound %.0f kbit/s per endpoint: the 720p clip is not flowing", res.InKbps)
	}
}

// TestBenchSIP runs the bench with SIP room systems beside the WebRTC endpoints: the MCU child
// serves SIP, the soft room systems dial in with their join secrets, and the mix reaches them.
// (The probe's mark surviving G.722 is softsip's TestProbeMarkDetectedThroughG722; whether it is
// heard in time under load is the bench's measure, not an assertion.)
func TestBenchSIP(t *testing.T) {
	clips, sipClips := benchClips(t, true)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	res, err := bench.Run(ctx, bench.Config{
		Executable: os.Args[0], Endpoints: 4, SIP: 4, Duration: 3 * time.Second, Bitrate: 1_500_000,
		Clips: clips, SIPClips: sipClips, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Joined != 4 || res.SIP != 4 || res.SIPJoined != 4 || res.SIPFailed != 0 {
		t.Fatalf("WebRTC joined %d; SIP %d, joined %d, failed %d", res.Joined, res.SIP, res.SIPJoined, res.SIPFailed)
	}
	if res.Connected != 8 {
		t.Errorf("%d members connected per the MCU, want the 4 endpoints and the 4 SIP sites", res.Connected)
	}
	if res.DialP50Ms <= 0 || res.USPerMixAll <= 0 || res.PPSIn <= 0 {
		t.Errorf("empty SIP measurements: %+v", res)
	}
	if res.SIPMixPPS <= 0 {
		t.Error("no SIP site received its mix in the window")
	}
}

// benchClips loads testdata's clips for the soft endpoints and, with sip, the room systems'.
func benchClips(t *testing.T, sip bool) (*softep.Clips, *softsip.Clips) {
	t.Helper()
	dir, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	clips, err := softep.LoadClips(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !sip {
		return clips, nil
	}
	sipClips, err := softsip.LoadClips(dir)
	if err != nil {
		t.Fatal(err)
	}
	return clips, sipClips
}
