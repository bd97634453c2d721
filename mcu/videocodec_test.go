package mcu

import (
	"strings"
	"testing"

	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v4"
)

// chromeVideo is the video m-line of a Chromium offer, cut to its VP8 and H.264 formats:
// H.264 in several profiles and both packetization modes, after VP8.
const chromeVideo = "m=video 9 UDP/TLS/RTP/SAVPF 96 102 103 106 107 127\r\n" +
	"a=mid:1\r\na=sendrecv\r\n" +
	"a=rtpmap:96 VP8/90000\r\n" +
	"a=rtpmap:102 H264/90000\r\na=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f\r\n" +
	"a=rtpmap:103 H264/90000\r\na=fmtp:103 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f\r\n" +
	"a=rtpmap:106 H264/90000\r\na=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n" +
	"a=rtpmap:107 H264/90000\r\na=fmtp:107 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f\r\n" +
	"a=rtpmap:127 H264/90000\r\na=fmtp:127 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640034\r\n"

const offerHead = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" +
	"m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\n"

// The layout's codecs: VP8 unless the conference prefers H.264 and the line offers the
// constrained baseline, packetization mode 1; an H.264-only line keeps H.264 either way.
func TestOfferLayoutVideoCodec(t *testing.T) {
	onlyBaseline := strings.ReplaceAll(chromeVideo, "profile-level-id=42e01f", "profile-level-id=42001f")
	cases := []struct {
		name     string
		video    string
		prefer   bool
		mime     string
		camFirst string // lay.camMime
	}{
		{"chromium, no preference", chromeVideo, false, mimeVP8, ""},
		{"chromium, H.264 preferred", chromeVideo, true, mimeH264, mimeH264},
		{"no constrained baseline, H.264 preferred", onlyBaseline, true, mimeVP8, ""},
		{"VP8 only, H.264 preferred", "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=sendrecv\r\na=rtpmap:96 VP8/90000\r\n", true, mimeVP8, ""},
		{"H.264 only, no preference", "m=video 9 UDP/TLS/RTP/SAVPF 106\r\na=mid:1\r\na=sendrecv\r\na=rtpmap:106 H264/90000\r\n" +
			"a=fmtp:106 packetization-mode=1;profile-level-id=42e01f\r\n", false, mimeH264, ""},
	}
	for _, tc := range cases {
		lay, err := parseOffer(offerHead+tc.video, 3, tc.prefer)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(lay.videoRecv) != 1 || lay.videoRecv[0].mime != tc.mime || lay.camMime != tc.camFirst || lay.camMid != "1" {
			t.Errorf("%s: layout %+v; want slot codec %s, camera codec %q", tc.name, lay, tc.mime, tc.camFirst)
		}
	}
}

func TestH264Keyframe(t *testing.T) {
	sps := testSPS(66, 80, 45, 0)
	stap := append([]byte{0x78, 0, byte(len(sps))}, sps...)
	stap = append(stap, 0, 2, 0x68, 0xce)
	for _, tc := range []struct {
		name    string
		payload []byte
		want    bool
	}{
		{"IDR slice", []byte{0x65, 0x88, 0x84}, true},
		{"SPS", sps, true},
		{"STAP-A of SPS and PPS", stap, true},
		{"STAP-A of PPS only", []byte{0x78, 0, 2, 0x68, 0xce}, false},
		{"FU-A start of IDR", []byte{0x7c, 0x85, 0x88}, true},
		{"FU-A middle of IDR", []byte{0x7c, 0x05, 0x88}, false},
		{"FU-A start of a P slice", []byte{0x7c, 0x81, 0x9a}, false},
		{"P slice", []byte{0x41, 0x9a, 0x00}, false},
		{"truncated STAP-A", []byte{0x78, 0, 40, 0x67}, false},
		{"empty", nil, false},
	} {
		if got := H264Keyframe(tc.payload); got != tc.want {
			t.Errorf("%s: H264Keyframe = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// answerCameraCodecs joins id with a Pion client offering VP8 and H.264 (VP8 first, as
// Chromium does) on a sendrecv camera line, and returns the codecs of that line in the answer.
func answerCameraCodecs(t *testing.T, h *harness, id string) []string {
	t.Helper()
	me := &webrtc.MediaEngine{}
	for _, c := range []webrtc.RTPCodecParameters{{RTPCodecCapability: codecOpus, PayloadType: 111}} {
		if err := me.RegisterCodec(c, webrtc.RTPCodecTypeAudio); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []webrtc.RTPCodecParameters{{RTPCodecCapability: codecVP8, PayloadType: 96}, {RTPCodecCapability: codecH264, PayloadType: 106}} {
		if err := me.RegisterCodec(c, webrtc.RTPCodecTypeVideo); err != nil {
			t.Fatal(err)
		}
	}
	pc, err := webrtc.NewAPI(webrtc.WithMediaEngine(me)).NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pc.Close() })
	if _, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio); err != nil {
		t.Fatal(err)
	}
	if _, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeVideo); err != nil {
		t.Fatal(err)
	}
	var answer sdp.SessionDescription
	if err := answer.UnmarshalString(whipAnswer(t, h, id, pc)); err != nil {
		t.Fatal(err)
	}
	var codecs []string
	for _, md := range answer.MediaDescriptions {
		if md.MediaName.Media != "video" {
			continue
		}
		for _, pt := range md.MediaName.Formats {
			for _, a := range md.Attributes {
				if a.Key == "rtpmap" && strings.HasPrefix(a.Value, pt+" ") {
					codecs = append(codecs, strings.SplitN(strings.TrimPrefix(a.Value, pt+" "), "/", 2)[0])
				}
			}
		}
	}
	return codecs
}

// A conference preferring H.264 answers a VP8-and-H.264 camera with H.264 alone, so the
// endpoint sends H.264; one that does not keeps VP8 first, as before. The preference can be
// set while the conference runs.
func TestAnswerPrefersH264(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	if got := answerCameraCodecs(t, h, "B"); len(got) == 0 || got[0] != "VP8" {
		t.Errorf("without a preference the camera's answer codecs are %v; want VP8 first", got)
	}
	h.conf.SetPreferH264(true)
	if !h.conf.PrefersH264() {
		t.Fatal("SetPreferH264(true) did not hold")
	}
	if got := answerCameraCodecs(t, h, "C"); strings.Join(got, ",") != "H264" {
		t.Errorf("with H.264 preferred the camera's answer codecs are %v; want H264 alone", got)
	}
}
