package softep

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"diemcau/mcu"

	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media/h264reader"
)

// h264ClipRate is the frame rate of the H.264 clip (an Annex-B stream carries none).
const h264ClipRate = 25

// annexBStart is the start code put before each NAL unit of a frame.
var annexBStart = []byte{0, 0, 0, 1}

// loadH264Clip reads the H.264 Annex-B clip at path (ParseH264).
func loadH264Clip(path string) (VideoClip, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return VideoClip{}, fmt.Errorf("load video clip: %w", err)
	}
	return ParseH264(raw, path)
}

// ParseH264 cuts an H.264 Annex-B stream (named path in errors) into frames, one slice per
// frame: each frame is its slice with the parameter sets before it, as Annex-B again (what
// Pion's H.264 payloader takes); the frames with an IDR slice are the keyframes. The SIP soft
// endpoint sends the same frames.
func ParseH264(raw []byte, path string) (VideoClip, error) {
	reader, err := h264reader.NewReader(bytes.NewReader(raw))
	if err != nil {
		return VideoClip{}, fmt.Errorf("load %s: %w", path, err)
	}
	clip := VideoClip{Mime: webrtc.MimeTypeH264, Rate: h264ClipRate}
	var frame []byte
	for {
		nal, err := reader.NextNAL()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return VideoClip{}, fmt.Errorf("load %s: frame %d: %w", path, len(clip.Frames), err)
		}
		frame = append(append(frame, annexBStart...), nal.Data...)
		switch nal.UnitType {
		case h264reader.NalUnitTypeSPS:
			if w, h, ok := mcu.H264FrameSize(nal.Data); ok && clip.Width == 0 {
				clip.Width, clip.Height = w, h
			}
		case h264reader.NalUnitTypeCodedSliceIdr:
			clip.Keyframes = append(clip.Keyframes, len(clip.Frames))
			fallthrough
		case h264reader.NalUnitTypeCodedSliceNonIdr:
			clip.Frames = append(clip.Frames, frame)
			frame = nil
		}
	}
	if len(clip.Keyframes) == 0 || clip.Keyframes[0] != 0 {
		return VideoClip{}, fmt.Errorf("load %s: the clip must start with an IDR frame", path)
	}
	return clip, nil
}
