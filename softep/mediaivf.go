package softep

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media/ivfreader"
)

// loadVideoClip reads a VP8 IVF file and indexes its keyframes.
func loadVideoClip(path string) (VideoClip, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return VideoClip{}, fmt.Errorf("load video clip: %w", err)
	}
	reader, header, err := ivfreader.NewWith(bytes.NewReader(raw))
	if err != nil {
		return VideoClip{}, fmt.Errorf("load %s: %w", path, err)
	}
	if header.FourCC != "VP80" {
		return VideoClip{}, fmt.Errorf("load %s: codec %q, want VP80", path, header.FourCC)
	}
	clip := VideoClip{Mime: webrtc.MimeTypeVP8, Width: int(header.Width), Height: int(header.Height), Rate: 30}
	if header.TimebaseNumerator > 0 && header.TimebaseDenominator >= header.TimebaseNumerator {
		clip.Rate = int(header.TimebaseDenominator / header.TimebaseNumerator)
	}
	for {
		frame, _, err := reader.ParseNextFrame()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return VideoClip{}, fmt.Errorf("load %s: frame %d: %w", path, len(clip.Frames), err)
		}
		if IsVP8Keyframe(frame) {
			clip.Keyframes = append(clip.Keyframes, len(clip.Frames))
		}
		clip.Frames = append(clip.Frames, frame)
	}
	if len(clip.Keyframes) == 0 || clip.Keyframes[0] != 0 {
		return VideoClip{}, fmt.Errorf("load %s: the clip must start with a keyframe", path)
	}
	return clip, nil
}

// IsVP8Keyframe reports whether frame is a VP8 key frame (RFC 6386 §9.1: P bit clear, start code).
func IsVP8Keyframe(frame []byte) bool {
	return len(frame) >= 10 && frame[0]&0x01 == 0 &&
		frame[3] == 0x9d && frame[4] == 0x01 && frame[5] == 0x2a
}

// VP8KeyframeSize returns the width and height coded in a VP8 key frame header.
func VP8KeyframeSize(frame []byte) (width, height int, ok bool) {
	if !IsVP8Keyframe(frame) {
		return 0, 0, false
	}
	width = int(uint16(frame[6])|uint16(frame[7])<<8) & 0x3fff
	height = int(uint16(frame[8])|uint16(frame[9])<<8) & 0x3fff
	return width, height, true
}

// isKeyframe reports whether frame i is a keyframe.
func (c *VideoClip) isKeyframe(i int) bool {
	for _, k := range c.Keyframes {
		if k == i {
			return true
		}
	}
	return false
}

// nextKeyframe returns the index of the first keyframe at or after frame i, wrapping to the start.
func (c *VideoClip) nextKeyframe(i int) int {
	for _, k := range c.Keyframes {
		if k >= i {
			return k
		}
	}
	return c.Keyframes[0]
}
