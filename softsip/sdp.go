package softsip

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/pion/sdp/v3"
)

// Payload types of the offer.
const (
	g722PT  = 9
	dtmfPT  = 101
	h264PT  = 96
	h264Fmt = "profile-level-id=42e01f;packetization-mode=1"
)

// buildOffer is the endpoint's SDP offer: G.722 (and telephone-event) on the audio stream,
// H.264 packetization-mode 1 on a video stream when there is one; RTCP multiplexed.
func buildOffer(local net.IP, audioPort int, video *stream) []byte {
	sess := uint64(time.Now().UnixNano())
	sd := &sdp.SessionDescription{
		Origin: sdp.Origin{Username: "-", SessionID: sess, SessionVersion: 1, NetworkType: "IN",
			AddressType: "IP4", UnicastAddress: local.String()},
		SessionName: "softsip",
		ConnectionInformation: &sdp.ConnectionInformation{NetworkType: "IN", AddressType: "IP4",
			Address: &sdp.Address{Address: local.String()}},
		TimeDescriptions: []sdp.TimeDescription{{}},
	}
	a := &sdp.MediaDescription{MediaName: sdp.MediaName{Media: "audio", Port: sdp.RangedPort{Value: audioPort},
		Protos: []string{"RTP", "AVP"}, Formats: []string{strconv.Itoa(g722PT), strconv.Itoa(dtmfPT)}}}
	a.WithValueAttribute("rtpmap", fmt.Sprintf("%d G722/8000", g722PT))
	a.WithValueAttribute("rtpmap", fmt.Sprintf("%d telephone-event/8000", dtmfPT))
	a.WithValueAttribute("fmtp", fmt.Sprintf("%d 0-16", dtmfPT))
	a.WithValueAttribute("ptime", "20")
	a.WithPropertyAttribute("rtcp-mux")
	a.WithPropertyAttribute("sendrecv")
	sd.MediaDescriptions = append(sd.MediaDescriptions, a)
	if video != nil {
		v := &sdp.MediaDescription{MediaName: sdp.MediaName{Media: "video", Port: sdp.RangedPort{Value: video.port()},
			Protos: []string{"RTP", "AVP"}, Formats: []string{strconv.Itoa(h264PT)}}}
		v.WithValueAttribute("rtpmap", fmt.Sprintf("%d H264/90000", h264PT))
		v.WithValueAttribute("fmtp", fmt.Sprintf("%d %s", h264PT, h264Fmt))
		v.WithValueAttribute("rtcp-fb", fmt.Sprintf("%d nack pli", h264PT))
		v.WithValueAttribute("rtcp-fb", fmt.Sprintf("%d ccm fir", h264PT))
		v.WithPropertyAttribute("rtcp-mux")
		v.WithPropertyAttribute("sendrecv")
		sd.MediaDescriptions = append(sd.MediaDescriptions, v)
	}
	raw, _ := sd.Marshal() // every field is set above
	return raw
}

// answer is what the endpoint takes from the server's answer.
type answer struct {
	audio   *net.UDPAddr
	audioPT uint8
	video   *net.UDPAddr // nil: video refused (port 0) or not answered
	videoPT uint8
}

// parseAnswer reads where to send audio (and video) and the payload types chosen.
func parseAnswer(body []byte) (*answer, error) {
	var sd sdp.SessionDescription
	if err := sd.Unmarshal(body); err != nil {
		return nil, fmt.Errorf("SDP answer: %w", err)
	}
	var ans answer
	for _, md := range sd.MediaDescriptions {
		if md.MediaName.Port.Value == 0 || len(md.MediaName.Formats) == 0 {
			continue
		}
		ip := ""
		if md.ConnectionInformation != nil && md.ConnectionInformation.Address != nil {
			ip = md.ConnectionInformation.Address.Address
		} else if sd.ConnectionInformation != nil && sd.ConnectionInformation.Address != nil {
			ip = sd.ConnectionInformation.Address.Address
		}
		addr := &net.UDPAddr{IP: net.ParseIP(ip), Port: md.MediaName.Port.Value}
		if addr.IP == nil {
			return nil, fmt.Errorf("SDP answer: %s stream without an address", md.MediaName.Media)
		}
		pt, err := strconv.ParseUint(md.MediaName.Formats[0], 10, 7)
		if err != nil {
			return nil, fmt.Errorf("SDP answer: %s payload type %q", md.MediaName.Media, md.MediaName.Formats[0])
		}
		switch md.MediaName.Media {
		case "audio":
			if ans.audio == nil && strings.Contains(rtpmaps(md), "G722/8000") {
				ans.audio, ans.audioPT = addr, uint8(pt)
			}
		case "video":
			if ans.video == nil {
				ans.video, ans.videoPT = addr, uint8(pt)
			}
		}
	}
	if ans.audio == nil {
		return nil, errors.New("SDP answer: no G.722 audio stream")
	}
	return &ans, nil
}

// rtpmaps joins a media description's rtpmap values (G.722's static type may come without one).
func rtpmaps(md *sdp.MediaDescription) string {
	var b strings.Builder
	for _, a := range md.Attributes {
		if a.Key == "rtpmap" {
			b.WriteString(a.Value + " ")
		}
	}
	if b.Len() == 0 && md.MediaName.Formats[0] == strconv.Itoa(g722PT) {
		return "G722/8000"
	}
	return b.String()
}
