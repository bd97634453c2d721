package demo

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"diemcau/softep"
	"diemcau/softep/whiptest"
)

// speechShare is the share of a session's audio packets at speech level (< 45).
func speechShare(audio []whiptest.Audio) float64 {
	if len(audio) == 0 {
		return 0
	}
	n := 0
	for _, a := range audio {
		if a.Has && a.Level < 45 {
			n++
		}
	}
	return float64(n) / float64(len(audio))
}

// seqGaps counts the audio packets missing from a session's sequence numbers.
func seqGaps(audio []whiptest.Audio) int {
	if len(audio) < 2 {
		return 0
	}
	return int(audio[len(audio)-1].Seq-audio[0].Seq) + 1 - len(audio)
}

// testToken is the join secret of the demo's bridge points in the tests.
const testToken = "bi-mat-tham-gia-42"

// testClips loads the repository's clips.
func testClips(t *testing.T) *softep.Clips {
	t.Helper()
	clips, err := softep.LoadTestdataClips()
	if err != nil {
		t.Fatal(err)
	}
	return clips
}

func TestDemoPlaysTheScript(t *testing.T) {
	m := whiptest.New(t, testToken)
	m.FloorFor = 800 * time.Millisecond
	eps := []BridgePoint{
		{ID: "XA-IAGRAI", Token: testToken},
		{ID: "UBND-TINH", Token: testToken, Main: true},
		{ID: "XA-IAO", Token: testToken},
		{ID: "PHUONG-PLEIKU", Token: testToken},
	}
	d := New(m.URL(), eps, testClips(t), slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo})))
	d.scale = 0.1 // a 60 s round in 6 s
	if d.Endpoint("UBND-TINH") != d.main || d.Endpoint("nope") != nil {
		t.Fatal("Endpoint lookup or main choice wrong")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 7500*time.Millisecond)
	defer cancel()
	if err := d.Run(ctx); err != nil {
		t.Fatalf("Run: %v", err)
	}

	peers := m.Peers()
	sessions := map[string]int{}
	var requests, incidents []string
	lossy, subSpeech := false, false
	mainShare, subShareMax := 0.0, 0.0
	for _, p := range peers {
		sessions[p.ID]++
		audio, _, msgs := p.Snapshot()
		for _, msg := range msgs {
			switch msg.Type {
			case "speak_request":
				requests = append(requests, p.ID)
			case "incident":
				incidents = append(incidents, msg.Text)
			}
		}
		share := speechShare(audio)
		if p.ID == "UBND-TINH" {
			mainShare = max(mainShare, share)
			continue
		}
		lossy = lossy || seqGaps(audio) > 0
		subSpeech = subSpeech || share > 0.05
		subShareMax = max(subShareMax, share)
	}
	// The main bridge point talks in most of the script's time (its clip has pauses between
	// sentences, and it is silent while a sub holds the floor): it must out-talk every sub.
	if mainShare < 0.15 || mainShare <= subShareMax {
		t.Errorf("main bridge point spoke in %.0f %% of its packets, the most talkative sub in %.0f %%",
			100*mainShare, 100*subShareMax)
	}
	for _, ep := range eps {
		if sessions[ep.ID] == 0 {
			t.Errorf("%s never joined", ep.ID)
		}
		if d.Endpoint(ep.ID).Connected() {
			t.Errorf("%s still connected after Run", ep.ID)
		}
	}
	rejoined := false
	for id, n := range sessions {
		rejoined = rejoined || (n >= 2 && id != "UBND-TINH")
	}
	if !rejoined {
		t.Errorf("no sub bridge point dropped and rejoined: sessions %v", sessions)
	}
	if len(requests) == 0 || containsString(requests, "UBND-TINH") {
		t.Errorf("speak requests from %v; want some, all from sub bridge points", requests)
	}
	if len(incidents) != 1 || !strings.Contains(incidents[0], "tại điểm cầu") {
		t.Errorf("incidents %q", incidents)
	}
	if !lossy {
		t.Error("no sub bridge point lost packets during the loss episode")
	}
	if !subSpeech {
		t.Error("no sub bridge point ever talked (floor or unsolicited)")
	}
	if got, live := len(m.Deleted()), len(eps); got < live {
		t.Errorf("%d DELETEs when %d endpoints left", got, live)
	}
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestDemoCastIsSeeded(t *testing.T) {
	eps := []BridgePoint{{ID: "UBND-TINH", Main: true}}
	for _, id := range []string{"A", "B", "C", "D", "E", "F"} {
		eps = append(eps, BridgePoint{ID: id})
	}
	d := New("http://127.0.0.1:1", eps, nil, nil)
	names := func(seed uint64) string {
		s := newDemoScript(d, rand.New(rand.NewPCG(seed, seed)))
		var out []string
		for range 3 {
			for _, e := range s.cast(4) {
				out = append(out, e.ID())
			}
		}
		return strings.Join(out, ",")
	}
	if names(7) != names(7) {
		t.Fatal("same seed, different cast")
	}
	if names(7) == names(8) {
		t.Fatal("different seeds, same cast over three rounds")
	}
	if strings.Contains(names(7), "UBND-TINH") {
		t.Fatal("the main bridge point was cast in a sub's role")
	}
}
