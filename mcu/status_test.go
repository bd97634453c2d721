package mcu

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// getStatus calls GET /api/v1/status with an optional bearer token.
func getStatus(t *testing.T, url, token string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url+"/api/v1/status", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := noKeepAlive.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("status %d: body is not JSON: %v", resp.StatusCode, err)
	}
	return resp, body
}

// TestStatusAPIAuth checks the token rules: no token configured → 503, wrong or missing → 401.
func TestStatusAPIAuth(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	disabled := httptest.NewServer(h.mcu.StatusHandler(""))
	defer disabled.Close()
	enabled := httptest.NewServer(h.mcu.StatusHandler("tok-123"))
	defer enabled.Close()
	tests := []struct {
		name, url, token string
		want             int
	}{
		{"disabled", disabled.URL, "", http.StatusServiceUnavailable},
		{"disabled even with a token", disabled.URL, "tok-123", http.StatusServiceUnavailable},
		{"missing token", enabled.URL, "", http.StatusUnauthorized},
		{"wrong token", enabled.URL, "tok-124", http.StatusUnauthorized},
		{"prefix of the token", enabled.URL, "tok-12", http.StatusUnauthorized},
		{"right token", enabled.URL, "tok-123", http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := getStatus(t, tc.url, tc.token)
			if resp.StatusCode != tc.want {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.want, body)
			}
			if tc.want != http.StatusOK {
				var e apiError
				if json.Unmarshal(body, &e) != nil || e.Error == "" {
					t.Errorf("error body without a message: %s", body)
				}
			}
		})
	}
}

// TestStatusAPILiveConference reads a live conference with joined real peers and a mute.
func TestStatusAPILiveConference(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	srv := httptest.NewServer(h.mcu.StatusHandler("tok"))
	defer srv.Close()
	h.client("MAIN")
	b := h.client("B")
	b.level.Store(20)
	if err := h.conf.Mute(t.Context(), "tech.an", "MAIN", SoftMute); err != nil {
		t.Fatal(err)
	}
	var reply struct {
		Conferences []struct {
			ID           string `json:"id"`
			Connected    int    `json:"connected"`
			BridgePoints []struct {
				ID          string  `json:"id"`
				Name        string  `json:"name"`
				Connected   bool    `json:"connected"`
				Muted       bool    `json:"muted"`
				MuteMode    string  `json:"mute_mode"`
				AudioLevel  int     `json:"audio_level"`
				LossPct     float64 `json:"loss_pct"`
				JitterMs    float64 `json:"jitter_ms"`
				RTTMs       float64 `json:"rtt_ms"`
				BitrateKbps float64 `json:"bitrate_kbps"`
				Width       int     `json:"width"`
				Height      int     `json:"height"`
				FPS         float64 `json:"fps"`
				Grade       string  `json:"grade"`
			} `json:"bridge_points"`
			SpeakRequests []any `json:"speak_requests"`
		} `json:"conferences"`
	}
	eventually(t, 10*time.Second, func() bool {
		_, body := getStatus(t, srv.URL, "tok")
		if err := json.Unmarshal(body, &reply); err != nil {
			t.Fatal(err)
		}
		if len(reply.Conferences) != 1 || len(reply.Conferences[0].BridgePoints) != 3 {
			t.Fatalf("unexpected shape: %s", body)
		}
		bp := reply.Conferences[0].BridgePoints[1]
		return bp.BitrateKbps > 0 && bp.Width == 1280 && bp.FPS > 0 && bp.AudioLevel > 0
	}, "B's quality never showed in the status")
	conf := reply.Conferences[0]
	if conf.ID != "meeting-1" || conf.Connected != 2 || conf.SpeakRequests == nil {
		t.Errorf("conference %+v", conf)
	}
	main, bp, absent := conf.BridgePoints[0], conf.BridgePoints[1], conf.BridgePoints[2]
	if main.ID != "MAIN" || !main.Muted || main.MuteMode != "soft" || main.AudioLevel != 0 {
		t.Errorf("main: %+v", main)
	}
	if bp.ID != "B" || bp.Name != "Xã B" || !bp.Connected || bp.Muted || bp.MuteMode != "none" ||
		bp.Height != 720 || bp.Grade != GradeGood {
		t.Errorf("B: %+v", bp)
	}
	if absent.ID != "C" || absent.Connected || absent.Grade != "" {
		t.Errorf("C: %+v", absent)
	}
}
