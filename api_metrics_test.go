package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

// getWithToken sends GET url with the bearer token (none when empty) and returns the status and body.
func getWithToken(t *testing.T, url, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, body
}

// TestStatusListsOpenIncidents: GET /api/v1/status of the real serve wiring lists the live
// meeting's open incidents (and drafts) with their id, bridge point, kind, status and start,
// not the resolved ones, and still wants the API token.
func TestStatusListsOpenIncidents(t *testing.T) {
	const token = "status-token-7f3a"
	t.Setenv("DIEMCAU_API_TOKEN", token)
	r := newServerRig(t, 2)
	r.start(t)
	ctx := context.Background()
	mid := r.conf.Snapshot().MeetingID
	started := time.Now().Add(-3 * time.Minute).Truncate(time.Millisecond)
	open, err := r.a.st.SaveIncident(ctx, store.Incident{MeetingID: mid, BridgePoint: "XA-001", Kind: "audio",
		Description: "rè tiếng", StartedAt: started, ReportedBy: "tran.thi.binh", Status: "open"})
	if err != nil {
		t.Fatal(err)
	}
	resolved, err := r.a.st.SaveIncident(ctx, store.Incident{MeetingID: mid, BridgePoint: "XA-002", Kind: "line",
		StartedAt: started, EndedAt: started.Add(time.Minute), Status: "resolved"})
	if err != nil {
		t.Fatal(err)
	}
	url := r.url + "/api/v1/status"
	for _, tok := range []string{"", "wrong-token"} {
		if code, body := getWithToken(t, url, tok); code != http.StatusUnauthorized || strings.Contains(string(body), "rè tiếng") {
			t.Errorf("status with token %q: %d %s", tok, code, body)
		}
	}
	code, body := getWithToken(t, url, token)
	if code != http.StatusOK {
		t.Fatalf("status: %d %s", code, body)
	}
	var reply struct {
		Conferences []struct {
			MeetingID     int64 `json:"meeting_id"`
			OpenIncidents []struct {
				ID          int64     `json:"id"`
				BridgePoint string    `json:"bridge_point"`
				Kind        string    `json:"kind"`
				Status      string    `json:"status"`
				Description string    `json:"description"`
				StartedAt   time.Time `json:"started_at"`
			} `json:"open_incidents"`
		} `json:"conferences"`
	}
	if err := json.Unmarshal(body, &reply); err != nil {
		t.Fatalf("status JSON: %v\n%s", err, body)
	}
	if len(reply.Conferences) != 1 || reply.Conferences[0].MeetingID != mid {
		t.Fatalf("conferences: %s", body)
	}
	got := reply.Conferences[0].OpenIncidents
	if len(got) != 1 {
		t.Fatalf("open incidents %+v, want only #%d (not the resolved #%d)", got, open, resolved)
	}
	if in := got[0]; in.ID != open || in.BridgePoint != "XA-001" || in.Kind != "audio" || in.Status != "open" ||
		in.Description != "rè tiếng" || !in.StartedAt.Equal(started) {
		t.Errorf("open incident %+v, want #%d XA-001 audio open started %v", in, open, started)
	}
}

// metricValue reads one sample of a Prometheus text exposition; ok false when it is absent.
func metricValue(body, sample string) (float64, bool) {
	for line := range strings.SplitSeq(body, "\n") {
		if rest, ok := strings.CutPrefix(line, sample+" "); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
			return v, err == nil
		}
	}
	return 0, false
}

// TestMetricsCountTheMCU: after real soft endpoints join over loopback WebRTC, /metrics shows
// them connected, packets and bytes forwarded, the joins, a refused join and a mute.
func TestMetricsCountTheMCU(t *testing.T) {
	r := newServerRig(t, 1)
	r.start(t)
	clips := lightClips(t)
	scrape := func() string {
		code, body := getWithToken(t, r.url+"/metrics", "")
		if code != http.StatusOK {
			t.Fatalf("/metrics: %d", code)
		}
		return string(body)
	}
	if v, ok := metricValue(scrape(), "diemcau_bridge_points_connected"); !ok || v != 0 {
		t.Fatalf("before any join: connected %v (present %v), want 0", v, ok)
	}
	// A join with another bridge point's secret is refused and counted.
	wrong := softep.New(softep.Config{URL: r.url, ID: "XA-001",
		Token: r.tokens["UBND-TINH"], Clips: clips})
	jctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var refused *softep.JoinRefusedError
	if err := wrong.Join(jctx); !errors.As(err, &refused) || refused.Status != http.StatusUnauthorized {
		t.Fatalf("join with a wrong secret: %v, want 401", err)
	}

	main, sub := r.endpoint("UBND-TINH", clips, true, false), r.endpoint("XA-001", clips, true, false)
	main.SetTalking(true)
	sub.SetTalking(true)
	runEndpoints(t, []*softep.Endpoint{main, sub}, 0)
	var body string
	waitFor(t, "two connected and packets forwarded", 30*time.Second, func() bool {
		body = scrape()
		c, _ := metricValue(body, "diemcau_bridge_points_connected")
		f, _ := metricValue(body, "diemcau_packets_forwarded_total")
		return c == 2 && f > 0
	})
	for _, sample := range []string{"diemcau_bytes_in_total", "diemcau_bytes_out_total", "diemcau_packets_received_total"} {
		if v, ok := metricValue(body, sample); !ok || v <= 0 {
			t.Errorf("%s = %v (present %v), want > 0", sample, v, ok)
		}
	}
	if v, _ := metricValue(body, "diemcau_joins_total"); v < 2 {
		t.Errorf("joins_total = %v, want ≥ 2", v)
	}
	if v, _ := metricValue(body, `diemcau_join_refusals_total{reason="unauthorized"}`); v != 1 {
		t.Errorf(`join_refusals_total{reason="unauthorized"} = %v, want 1`, v)
	}
	if err := r.conf.Mute(context.Background(), "console:test", "XA-001", mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	if v, _ := metricValue(scrape(), "diemcau_mutes_total"); v != 1 {
		t.Errorf("mutes_total = %v after one mute, want 1", v)
	}
	for _, want := range []string{"# TYPE go_goroutines gauge", "process_open_fds ", "diemcau_recorder_dropped_total 0"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
