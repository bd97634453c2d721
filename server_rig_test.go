package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pion/webrtc/v4/pkg/media/ivfreader"

	"diemcau/bench"
	"diemcau/endpoints"
	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

// serverRig runs the real `serve` wiring (startAdhoc: store file, MCU, HTTP, outage tracker) on
// fixed loopback ports, so it can be stopped and started again on the same ports and file.
type serverRig struct {
	args   []string
	url    string
	tokens map[string]string
	ids    []string     // registry order: the main bridge point, then XA-001…
	epLog  *slog.Logger // the endpoints' log; nil discards it
	a      *app
	conf   *mcu.Conference
	cancel context.CancelFunc
}

// newServerRig registers the main bridge point and subs communes in a store file of its own and
// picks free HTTP and UDP ports; the server is not started.
func newServerRig(t *testing.T, subs int) *serverRig {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "diemcau.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	reg := endpoints.NewRegistry(st)
	var csv strings.Builder
	csv.WriteString("id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\n" +
		"UBND-TINH,Phòng họp UBND tỉnh,UBND-TINH,Văn phòng UBND tỉnh,province,main,Phòng họp,Pleiku,\n")
	for i := range subs {
		fmt.Fprintf(&csv, "XA-%03d,Xã số %03d,XA-%03d,UBND xã số %03d,commune,sub,Phòng họp,Gia Lai,\n", i+1, i+1, i+1, i+1)
	}
	if _, err := reg.Import(ctx, strings.NewReader(csv.String()), "vi"); err != nil {
		t.Fatal(err)
	}
	r := &serverRig{tokens: map[string]string{}, ids: []string{"UBND-TINH"}}
	for i := range subs {
		r.ids = append(r.ids, fmt.Sprintf("XA-%03d", i+1))
	}
	for _, id := range r.ids {
		if r.tokens[id], err = reg.Rotate(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	httpAddr := freeAddr(t)
	udpPort, err := bench.FreeUDPPort()
	if err != nil {
		t.Fatal(err)
	}
	r.url = "http://" + httpAddr
	r.args = []string{"--db", db, "--http", httpAddr, "--udp-port", strconv.Itoa(udpPort), "--sip", "127.0.0.1:0",
		"--log", filepath.Join(dir, "diemcau.log"), "--lang", "en"}
	t.Cleanup(r.stop)
	return r
}

// start runs the server as `diemcau serve` does (without the SSH part).
func (r *serverRig) start(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a, conf, err := startAdhoc(ctx, "serve", r.args, false)
	if err != nil {
		cancel()
		t.Fatalf("start server: %v", err)
	}
	r.a, r.conf, r.cancel = a, conf, cancel
}

// stop stops the server as a SIGTERM does: the context ends, then everything is closed.
func (r *serverRig) stop() {
	if r.a == nil {
		return
	}
	r.cancel()
	r.a.close()
	r.a, r.conf = nil, nil
}

// endpoint returns a soft endpoint of bridge point id, not yet joined.
func (r *serverRig) endpoint(id string, clips *softep.Clips, receive, ignoreMute bool) *softep.Endpoint {
	log := r.epLog
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return softep.New(softep.Config{
		URL: r.url, ID: id, Token: r.tokens[id], Clips: clips, Receive: receive, IgnoreMute: ignoreMute, Log: log,
	})
}

// lightClips are the real speech and room-tone clips with a small camera (160×96 VP8, about
// 40 kbit/s, made with: ffmpeg -f lavfi -i testsrc=size=160x96:rate=30 -t 2 -c:v libvpx
// -b:v 40k -g 30 -auto-alt-ref 0 -f ivf camera-160x96.ivf), so that many endpoints in one
// test keep the CPU for the server.
func lightClips(t *testing.T) *softep.Clips {
	t.Helper()
	dir, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	clips, err := softep.LoadClips(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "camera-160x96.ivf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, hdr, err := ivfreader.NewWith(f)
	if err != nil {
		t.Fatal(err)
	}
	cam := softep.VideoClip{Width: int(hdr.Width), Height: int(hdr.Height)}
	for {
		frame, _, err := rd.ParseNextFrame()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if softep.IsVP8Keyframe(frame) {
			cam.Keyframes = append(cam.Keyframes, len(cam.Frames))
		}
		cam.Frames = append(cam.Frames, frame)
	}
	if len(cam.Keyframes) == 0 || cam.Keyframes[0] != 0 {
		t.Fatalf("small camera clip: keyframes %v", cam.Keyframes)
	}
	clips.Camera = cam
	return clips
}

// runEndpoints keeps each endpoint joined (rejoining with backoff) until the test ends; their
// first joins are spread evenly over spread.
func runEndpoints(t *testing.T, eps []*softep.Endpoint, spread time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, len(eps))
	for i, ep := range eps {
		go func() {
			defer func() { done <- struct{}{} }()
			select {
			case <-ctx.Done():
				return
			case <-time.After(spread * time.Duration(i) / time.Duration(len(eps))):
			}
			if err := ep.Run(ctx); err != nil && ctx.Err() == nil {
				t.Errorf("endpoint %s: %v", ep.ID(), err)
			}
		}()
	}
	t.Cleanup(func() {
		cancel()
		for range eps {
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				t.Error("an endpoint did not stop")
				return
			}
		}
	})
}

// apiStatus is the part of GET /api/v1/status the tests read.
type apiStatus struct {
	Conferences []struct {
		MeetingID    int64 `json:"meeting_id"`
		Connected    int   `json:"connected"`
		BridgePoints []struct {
			ID        string `json:"id"`
			Connected bool   `json:"connected"`
			MuteMode  string `json:"mute_mode"`
			PacketsIn uint64 `json:"packets_in"`
		} `json:"bridge_points"`
		SpeakRequests []struct {
			ID          int64  `json:"id"`
			BridgePoint string `json:"bridge_point"`
			State       string `json:"state"`
		} `json:"speak_requests"`
	} `json:"conferences"`
}

// getStatus asks the status API once; an error unless it answers 200 with its JSON.
func getStatus(client *http.Client, base, token string) (apiStatus, error) {
	var body apiStatus
	req, err := http.NewRequest(http.MethodGet, base+"/api/v1/status", nil)
	if err != nil {
		return body, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return body, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("status API: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return body, fmt.Errorf("status API: %w", err)
	}
	return body, nil
}
