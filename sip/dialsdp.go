package sip

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/pion/sdp/v3"
)

// offerSuite is the SDES crypto suite a dial-out offers.
const offerSuite = "AES_CM_128_HMAC_SHA1_80"

// The payload types of a dial-out's offer: Opus and telephone-event are dynamic.
const (
	offerOpusPT  = 111
	offerDTMFPT  = 101 // telephone-event/8000
	offerDTMF48k = 102 // telephone-event/48000, for a terminal that answers Opus
	offerH264PT  = 96
)

// offerH264Fmtp is the H.264 a dial-out offers: constrained baseline up to level 3.1 (720p), in
// the packetization mode the MCU forwards without repacketizing.
const offerH264Fmtp = "profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1"

// buildOffer is a dial-out's SDP offer: one audio stream on local with every codec the server
// speaks in its preference (codecs), RFC 4733 keys, rtcp-mux, and SDES-SRTP offered as best
// effort (RTP/AVP with a=crypto, RFC 4568 and the practice of room systems): a terminal that
// speaks SRTP answers with its key, one that does not ignores the attribute. With videoLocal, an
// H.264 stream (packetization mode 1, NACK, PLI, FIR) on it, keyed with videoOwn.
func buildOffer(local *net.UDPAddr, own *sdesKey, videoLocal *net.UDPAddr, videoOwn *sdesKey) ([]byte, error) {
	ip := local.IP.String()
	ipType := "IP4"
	if local.IP.To4() == nil {
		ipType = "IP6"
	}
	now := uint64(time.Now().UnixNano())
	sd := &sdp.SessionDescription{
		Origin: sdp.Origin{Username: "diemcau", SessionID: now, SessionVersion: now,
			NetworkType: "IN", AddressType: ipType, UnicastAddress: ip},
		SessionName:           "diemcau",
		ConnectionInformation: &sdp.ConnectionInformation{NetworkType: "IN", AddressType: ipType, Address: &sdp.Address{Address: ip}},
		TimeDescriptions:      []sdp.TimeDescription{{Timing: sdp.Timing{}}},
	}
	am := &sdp.MediaDescription{MediaName: sdp.MediaName{Media: "audio", Port: sdp.RangedPort{Value: local.Port},
		Protos: []string{"RTP", "AVP"}}}
	for _, c := range codecs {
		pt := int(c.static)
		if c.static == 0xff {
			pt = offerOpusPT
		}
		p := strconv.Itoa(pt)
		am.MediaName.Formats = append(am.MediaName.Formats, p)
		enc := fmt.Sprintf("%s %s/%d", p, rtpmapName(c), c.clock)
		if c.channel > 1 {
			enc += "/" + strconv.Itoa(c.channel)
		}
		am.WithValueAttribute("rtpmap", enc)
		if c.name == "OPUS" {
			am.WithValueAttribute("fmtp", p+" useinbandfec=1;stereo=0;sprop-stereo=0")
		}
	}
	for _, d := range []struct{ pt, clock int }{{offerDTMFPT, 8000}, {offerDTMF48k, 48000}} {
		p := strconv.Itoa(d.pt)
		am.MediaName.Formats = append(am.MediaName.Formats, p)
		am.WithValueAttribute("rtpmap", fmt.Sprintf("%s telephone-event/%d", p, d.clock))
		am.WithValueAttribute("fmtp", p+" 0-16")
	}
	am.WithValueAttribute("ptime", strconv.Itoa(frameMs))
	am.WithPropertyAttribute("sendrecv")
	am.WithPropertyAttribute("rtcp-mux")
	if own != nil {
		am.WithValueAttribute("crypto", "1 "+own.suite+" inline:"+own.inline())
	}
	sd.MediaDescriptions = append(sd.MediaDescriptions, am)
	if videoLocal != nil {
		sd.MediaDescriptions = append(sd.MediaDescriptions, videoOfferMedia(videoLocal, videoOwn))
	}
	return sd.Marshal()
}

// videoOfferMedia is a dial-out's H.264 stream on local.
func videoOfferMedia(local *net.UDPAddr, own *sdesKey) *sdp.MediaDescription {
	pt := strconv.Itoa(offerH264PT)
	md := &sdp.MediaDescription{MediaName: sdp.MediaName{Media: "video", Port: sdp.RangedPort{Value: local.Port},
		Protos: []string{"RTP", "AVP"}, Formats: []string{pt}}}
	md.WithValueAttribute("rtpmap", pt+" H264/90000")
	md.WithValueAttribute("fmtp", pt+" "+offerH264Fmtp)
	for _, fb := range []string{"nack", "nack pli", "ccm fir"} {
		md.WithValueAttribute("rtcp-fb", pt+" "+fb)
	}
	md.WithPropertyAttribute("sendrecv")
	md.WithPropertyAttribute("rtcp-mux")
	if own != nil {
		md.WithValueAttribute("crypto", "1 "+own.suite+" inline:"+own.inline())
	}
	return md
}
