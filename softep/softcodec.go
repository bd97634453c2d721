package softep

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v4"
)

// Video codecs the soft endpoint may be told to use (Config.VideoCodec).
const (
	VideoCodecAuto = ""     // offer VP8 and H.264 (when the H.264 clip is loaded); send what the answer chose
	VideoCodecVP8  = "vp8"  // offer and send VP8 only
	VideoCodecH264 = "h264" // offer and send H.264 only (the clip video-720p.h264)
)

// h264PayloadType is the payload type the soft endpoint offers H.264 with.
const h264PayloadType = 102

// h264Capability is H.264 constrained baseline, packetization mode 1: what the MCU negotiates.
var h264Capability = webrtc.RTPCodecCapability{
	MimeType: webrtc.MimeTypeH264, ClockRate: 90000,
	SDPFmtpLine:  "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
	RTCPFeedback: vp8Capability.RTCPFeedback,
}

// errNoH264Clip means H.264 was asked for but the media folder has no H.264 clip.
var errNoH264Clip = errors.New("video codec h264: no " + h264File + " in the media folder")

// CheckVideoCodec returns an error naming codec when it is not one of "", "vp8", "h264".
func CheckVideoCodec(codec string) error {
	switch codec {
	case VideoCodecAuto, VideoCodecVP8, VideoCodecH264:
		return nil
	}
	return fmt.Errorf("video codec %q: want vp8 or h264", codec)
}

// videoCodecs returns the video codecs the endpoint offers, in order of preference.
func (e *Endpoint) videoCodecs() ([]webrtc.RTPCodecParameters, error) {
	vp8 := webrtc.RTPCodecParameters{RTPCodecCapability: vp8Capability, PayloadType: vp8PayloadType}
	h264 := webrtc.RTPCodecParameters{RTPCodecCapability: h264Capability, PayloadType: h264PayloadType}
	hasH264 := len(e.cfg.Clips.CameraH264.Frames) > 0
	switch e.cfg.VideoCodec {
	case VideoCodecVP8:
		return []webrtc.RTPCodecParameters{vp8}, nil
	case VideoCodecH264:
		if !hasH264 {
			return nil, errNoH264Clip
		}
		return []webrtc.RTPCodecParameters{h264}, nil
	case VideoCodecAuto:
		if hasH264 {
			return []webrtc.RTPCodecParameters{vp8, h264}, nil
		}
		return []webrtc.RTPCodecParameters{vp8}, nil
	}
	return nil, CheckVideoCodec(e.cfg.VideoCodec)
}

// cameraClip returns the clip the camera sends for the negotiated codec mime.
func (e *Endpoint) cameraClip(mime string) *VideoClip {
	if strings.EqualFold(mime, webrtc.MimeTypeH264) {
		return &e.cfg.Clips.CameraH264
	}
	return &e.cfg.Clips.Camera
}

// answeredVideoCodec returns the MIME type of the first codec the answer gives the media
// section mid (the one a sender uses), "" when the answer has none.
func answeredVideoCodec(answer, mid string) string {
	var desc sdp.SessionDescription
	if err := desc.UnmarshalString(answer); err != nil {
		return ""
	}
	for _, md := range desc.MediaDescriptions {
		if m, _ := md.Attribute("mid"); m != mid || md.MediaName.Media != "video" || len(md.MediaName.Formats) == 0 {
			continue
		}
		first := md.MediaName.Formats[0]
		for _, a := range md.Attributes {
			if a.Key != "rtpmap" {
				continue
			}
			pt, enc, _ := strings.Cut(a.Value, " ")
			if pt == first {
				name, _, _ := strings.Cut(enc, "/")
				return "video/" + name
			}
		}
	}
	return ""
}

// chooseCamera makes the camera send the codec the answer chose: it replaces the VP8 track by
// an H.264 one before the sender starts, when the answer put H.264 first.
func (e *Endpoint) chooseCamera(s *softSession, answer string) error {
	mid := ""
	for _, tr := range s.pc.GetTransceivers() {
		if tr.Sender() == s.videoSender {
			mid = tr.Mid()
		}
	}
	mime := answeredVideoCodec(answer, mid)
	if !strings.EqualFold(mime, webrtc.MimeTypeH264) || s.videoMime == webrtc.MimeTypeH264 {
		return nil
	}
	track, err := webrtc.NewTrackLocalStaticRTP(h264Capability, "video", "diemcau-"+e.cfg.ID)
	if err != nil {
		return fmt.Errorf("h264 video track: %w", err)
	}
	if err := s.videoSender.ReplaceTrack(track); err != nil {
		return fmt.Errorf("h264 video track: %w", err)
	}
	s.videoTrack, s.videoMime = track, webrtc.MimeTypeH264
	return nil
}
