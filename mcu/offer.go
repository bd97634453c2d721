package mcu

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v4"
)

// mediaLine is one m-line of an endpoint's offer.
type mediaLine struct {
	mid  string
	kind webrtc.RTPCodecType
	dir  webrtc.RTPTransceiverDirection
	mime string // preferred codec we can forward to it: Opus, VP8 or H264
}

func (l mediaLine) sends() bool {
	return l.dir == webrtc.RTPTransceiverDirectionSendrecv || l.dir == webrtc.RTPTransceiverDirectionSendonly
}

func (l mediaLine) receives() bool {
	return l.dir == webrtc.RTPTransceiverDirectionSendrecv || l.dir == webrtc.RTPTransceiverDirectionRecvonly
}

// offerLayout maps an offer's m-lines to what the bridge point publishes and which slots it receives.
type offerLayout struct {
	micMid    string      // first audio m-line, when it sends
	camMid    string      // first video m-line, when it sends
	camMime   string      // the codec the camera is asked to send: H264 when preferred and offered, else "" (any)
	audioRecv []mediaLine // receiving audio m-lines, slot 1..K in order
	videoRecv []mediaLine // receiving video m-lines: main, then speaker
}

// errNoMedia means the offer has no audio or video m-line.
var errNoMedia = errors.New("offer has no audio or video m-line")

// parseOffer reads the slot layout of an SDP offer; audioSlots is K. preferH264 makes H.264 the
// codec of the video m-lines that offer it (VP8 otherwise).
func parseOffer(offer string, audioSlots int, preferH264 bool) (offerLayout, error) {
	desc := webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}
	parsed, err := desc.Unmarshal()
	if err != nil {
		return offerLayout{}, fmt.Errorf("parse offer: %w", err)
	}
	var lay offerLayout
	seenAudio, seenVideo := false, false
	for _, md := range parsed.MediaDescriptions {
		var kind webrtc.RTPCodecType
		switch md.MediaName.Media {
		case "audio":
			kind = webrtc.RTPCodecTypeAudio
		case "video":
			kind = webrtc.RTPCodecTypeVideo
		default:
			continue
		}
		mid, _ := md.Attribute("mid")
		if mid == "" {
			return offerLayout{}, errors.New("parse offer: media section without a=mid")
		}
		line := mediaLine{mid: mid, kind: kind, dir: lineDirection(md.Attributes), mime: mimeOpus}
		if md.MediaName.Port.Value == 0 {
			line.dir = webrtc.RTPTransceiverDirectionInactive
		}
		if kind == webrtc.RTPCodecTypeVideo {
			line.mime = videoMime(md.Attributes, preferH264)
		}
		switch kind {
		case webrtc.RTPCodecTypeAudio:
			if !seenAudio && line.sends() {
				lay.micMid = mid
			}
			seenAudio = true
			if line.receives() && len(lay.audioRecv) < audioSlots {
				lay.audioRecv = append(lay.audioRecv, line)
			}
		case webrtc.RTPCodecTypeVideo:
			if !seenVideo && line.sends() {
				lay.camMid = mid
				if preferH264 && offersH264(md.Attributes) {
					lay.camMime = mimeH264
				}
			}
			seenVideo = true
			if line.receives() && line.mime != "" && len(lay.videoRecv) < 2 {
				lay.videoRecv = append(lay.videoRecv, line)
			}
		}
	}
	if !seenAudio && !seenVideo {
		return offerLayout{}, errNoMedia
	}
	return lay, nil
}

// lineDirection reads the direction attribute of a media section (sendrecv when absent).
func lineDirection(attrs []sdp.Attribute) webrtc.RTPTransceiverDirection {
	for _, a := range attrs {
		switch a.Key {
		case "sendrecv":
			return webrtc.RTPTransceiverDirectionSendrecv
		case "sendonly":
			return webrtc.RTPTransceiverDirectionSendonly
		case "recvonly":
			return webrtc.RTPTransceiverDirectionRecvonly
		case "inactive":
			return webrtc.RTPTransceiverDirectionInactive
		}
	}
	return webrtc.RTPTransceiverDirectionSendrecv
}

// videoMime picks the codec to forward to a video m-line: VP8 when offered, else H264, else
// none. With preferH264, H264 comes first when the line offers the H.264 the MCU negotiates
// (offersH264).
func videoMime(attrs []sdp.Attribute, preferH264 bool) string {
	if preferH264 && offersH264(attrs) {
		return mimeH264
	}
	hasH264 := false
	for _, a := range attrs {
		if a.Key != "rtpmap" {
			continue
		}
		v := strings.ToUpper(a.Value)
		if strings.Contains(v, " VP8/") {
			return mimeVP8
		}
		if strings.Contains(v, " H264/") {
			hasH264 = true
		}
	}
	if hasH264 {
		return mimeH264
	}
	return ""
}

// offersH264 reports whether a media section offers H.264 with packetization-mode=1 and a
// constrained-baseline profile-level-id (42e0xx, any level): the format Pion matches to ours.
func offersH264(attrs []sdp.Attribute) bool {
	pts := map[string]bool{}
	for _, a := range attrs {
		if a.Key == "rtpmap" {
			pt, enc, _ := strings.Cut(a.Value, " ")
			if strings.HasPrefix(strings.ToUpper(enc), "H264/") {
				pts[pt] = true
			}
		}
	}
	for _, a := range attrs {
		if a.Key == "fmtp" {
			pt, params, _ := strings.Cut(a.Value, " ")
			if pts[pt] && constrainedBaseline(params) {
				return true
			}
		}
	}
	return false
}

// constrainedBaseline reports whether an H.264 fmtp line says packetization-mode=1 and a
// constrained-baseline profile-level-id (42e0xx, any level), which Pion matches to ours.
func constrainedBaseline(params string) bool {
	mode, profile := "", ""
	for _, kv := range strings.Split(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch strings.ToLower(k) {
		case "packetization-mode":
			mode = v
		case "profile-level-id":
			profile = strings.ToLower(v)
		}
	}
	return mode == "1" && strings.HasPrefix(profile, "42e0")
}
