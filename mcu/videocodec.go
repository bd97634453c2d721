package mcu

import (
	"github.com/pion/webrtc/v4"
)

// Video codec preference of a conference (issue 14): when its meeting has SIP room systems,
// which send and receive H.264, the WHIP answer asks WebRTC bridge points for H.264 too, so
// that no picture needs transcoding. The rule that decides it is live's; mcu only takes it.

// SetPreferH264 sets whether WHIP joins from now on are answered with H.264 (packetization-mode
// 1, constrained baseline) for the camera and the video slots when the offer has it; VP8 stays
// the answer of an offer without it. Sessions already joined keep the codec they negotiated.
func (c *Conference) SetPreferH264(on bool) {
	if c.preferH264.Swap(on) != on {
		c.log.Info("video codec preference", "prefer_h264", on)
	}
}

// PrefersH264 reports whether WHIP joins are answered with H.264 when the offer has it.
func (c *Conference) PrefersH264() bool { return c.preferH264.Load() }

// preferCameraCodec makes the answer for the camera's m-line carry only codec, so that the
// endpoint sends it (a sender uses the first codec of the answer). The payload type is left
// to the offer's.
func (t *webrtcTransport) preferCameraCodec(codec webrtc.RTPCodecCapability) error {
	for _, tr := range t.pc.GetTransceivers() {
		if tr.Mid() == t.lay.camMid {
			if err := tr.SetCodecPreferences([]webrtc.RTPCodecParameters{{RTPCodecCapability: codec}}); err != nil {
				return &offerError{err}
			}
		}
	}
	return nil
}
