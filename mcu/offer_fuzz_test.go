package mcu

import (
	"strings"
	"testing"
)

// FuzzParseOffer feeds arbitrary text to the WHIP offer parser: it must never panic, and a layout
// it accepts never gives more audio slots than asked, nor more than two video slots, nor a
// receiving slot on a line that does not receive.
func FuzzParseOffer(f *testing.F) {
	f.Add("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\na=recvonly\r\na=rtpmap:96 VP8/90000\r\n")
	f.Add("v=0\r\nm=audio 0 RTP/AVP 0\r\n")
	f.Add("not sdp at all")
	f.Add("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n" + strings.Repeat("m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:x\r\na=recvonly\r\na=rtpmap:96 VP8/90000\r\n", 20))
	f.Fuzz(func(t *testing.T, offer string) {
		const k = 3
		for _, preferH264 := range []bool{false, true} {
			lay, err := parseOffer(offer, k, preferH264)
			if err != nil {
				return
			}
			if len(lay.audioRecv) > k || len(lay.videoRecv) > 2 {
				t.Fatalf("layout with %d audio and %d video slots", len(lay.audioRecv), len(lay.videoRecv))
			}
			for _, l := range append(lay.audioRecv, lay.videoRecv...) {
				if !l.receives() {
					t.Fatalf("slot on a line that does not receive: %+v", l)
				}
			}
			if lay.camMime != "" && (!preferH264 || lay.camMid == "") {
				t.Fatalf("camera codec %q without a preference or a camera", lay.camMime)
			}
		}
	})
}
