package softsip

import (
	"fmt"

	"github.com/pion/rtp/codecs"

	"diemcau/softep"
)

// videoMTU bounds an H.264 RTP payload.
const videoMTU = 1200

// packetizeH264 cuts an Annex B stream into pictures as the WebRTC soft endpoint does
// (softep.ParseH264: the parameter sets go with the picture they precede) and packetizes each
// with Pion's payloader (FU-A, STAP-A for the parameter sets).
func packetizeH264(stream []byte) ([]VideoFrame, error) {
	clip, err := softep.ParseH264(stream, videoFile)
	if err != nil {
		return nil, fmt.Errorf("no H.264 picture in the clip: %w", err)
	}
	var pay codecs.H264Payloader
	frames := make([]VideoFrame, len(clip.Frames))
	for i, f := range clip.Frames {
		frames[i] = VideoFrame{Payloads: pay.Payload(videoMTU, f)}
	}
	return frames, nil
}
