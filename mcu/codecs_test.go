package mcu

import (
	"encoding/json"
	"net/http/httptest"
	"testing"
	"time"
)

// g722Transport is an attached transport whose endpoint negotiated G.722 (a SIP terminal's
// voice, transcoded before it reaches the MCU); its video codec is left to the MCU.
type g722Transport struct{ *rtpTransport }

func (g722Transport) Codecs() (audio, video string) { return "audio/G722", "" }

// The status API and the counters behind /metrics say what each site is: a WHIP member
// "webrtc" with the codecs it sends, an attached one its transport's kind with the audio codec
// its transport reports (CodecReporter) and the video codec its media enters in; a site not
// connected has none. The fields are added: the existing ones keep their names.
func TestStatusAndCountersShowTransportAndCodecs(t *testing.T) {
	h := newHarnessConfig(t, Config{Loopback: true}, ConferenceSpec{Members: []Member{
		{ID: "MAIN", Name: "Tỉnh ủy", Main: true}, {ID: "B", Name: "Xã B"}, {ID: "SIP", Name: "Xã SIP"}}})
	srv := httptest.NewServer(h.mcu.StatusHandler("tok"))
	defer srv.Close()
	h.client("B")
	attachRTPAs(t, h, "SIP", func(tr *rtpTransport) Transport { return g722Transport{tr} })
	type site struct {
		ID         string `json:"id"`
		Connected  bool   `json:"connected"`
		MuteMode   string `json:"mute_mode"`
		Transport  string `json:"transport"`
		AudioCodec string `json:"audio_codec"`
		VideoCodec string `json:"video_codec"`
	}
	var reply struct {
		Conferences []struct {
			BridgePoints []site `json:"bridge_points"`
		} `json:"conferences"`
	}
	want := map[string]site{
		"MAIN": {ID: "MAIN", MuteMode: "none"},
		"B":    {ID: "B", Connected: true, MuteMode: "none", Transport: "webrtc", AudioCodec: "audio/opus", VideoCodec: "video/VP8"},
		"SIP":  {ID: "SIP", Connected: true, MuteMode: "none", Transport: "rtp", AudioCodec: "audio/G722", VideoCodec: "video/H264"},
	}
	var got map[string]site
	eventually(t, 10*time.Second, func() bool {
		_, body := getStatus(t, srv.URL, "tok")
		if err := json.Unmarshal(body, &reply); err != nil || len(reply.Conferences) != 1 {
			t.Fatalf("status %s: %v", body, err)
		}
		got = map[string]site{}
		for _, bp := range reply.Conferences[0].BridgePoints {
			got[bp.ID] = bp
		}
		for id, w := range want {
			if got[id] != w {
				return false
			}
		}
		return true
	}, "the status never showed the sites' transports and codecs")
	k := h.mcu.Counters()
	if k.Sessions[SessionKind{"webrtc", "audio/opus", "video/VP8"}] != 1 || k.Sessions[SessionKind{"rtp", "audio/G722", "video/H264"}] != 1 ||
		len(k.Sessions) != 2 {
		t.Errorf("counted sessions %v, want one webrtc Opus/VP8 and one rtp G.722/H.264", k.Sessions)
	}
}
