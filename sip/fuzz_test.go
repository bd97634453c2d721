package sip

import (
	"net"
	"testing"
)

// FuzzSIPOffer: any SDP offer is parsed or refused with an error, never a panic, and an accepted
// one always answers.
func FuzzSIPOffer(f *testing.F) {
	f.Add([]byte(offerSAVP))
	f.Add([]byte("v=0\r\nc=IN IP4 10.0.0.1\r\nm=audio 5004 RTP/AVP 0\r\n"))
	f.Add([]byte("v=0\r\nm=audio 1 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\na=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:x\r\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		o, err := parseOffer(body)
		if err != nil {
			return
		}
		if _, err := o.answer(&net.UDPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 4000}, nil); err != nil {
			t.Fatalf("an accepted offer has no answer: %v", err)
		}
		_ = infoKey(body)
	})
}
