package softsip

import (
	"bytes"
	"errors"

	"github.com/pion/rtp/codecs"
)

// videoMTU bounds an H.264 RTP payload.
const videoMTU = 1200

// packetizeH264 splits an Annex B stream into access units (a VCL NAL unit whose first slice
// starts at macroblock 0 opens a new picture, as do the SPS, PPS, SEI or delimiter before it)
// and packetizes each (FU-A, STAP-A for the parameter sets).
func packetizeH264(stream []byte) ([]VideoFrame, error) {
	var frames []VideoFrame
	var pay codecs.H264Payloader
	var au []byte
	hasVCL := false
	flush := func() {
		if hasVCL {
			frames = append(frames, VideoFrame{Payloads: pay.Payload(videoMTU, au)})
		}
		au, hasVCL = au[:0:0], false
	}
	for _, nal := range splitAnnexB(stream) {
		if len(nal) < 2 {
			continue
		}
		typ := nal[0] & 0x1f
		vcl := typ == 1 || typ == 5
		switch {
		case vcl && nal[1]&0x80 != 0 && hasVCL: // first_mb_in_slice == 0: a new picture
			flush()
		case !vcl && hasVCL && (typ == 6 || typ == 7 || typ == 8 || typ == 9):
			flush()
		}
		au = append(au, 0, 0, 0, 1)
		au = append(au, nal...)
		hasVCL = hasVCL || vcl
	}
	flush()
	if len(frames) == 0 {
		return nil, errors.New("no H.264 picture in the clip")
	}
	return frames, nil
}

// splitAnnexB returns the NAL units of an Annex B stream (start codes removed).
func splitAnnexB(b []byte) [][]byte {
	var out [][]byte
	start := -1
	for i := 0; i+2 < len(b); {
		if b[i] == 0 && b[i+1] == 0 && b[i+2] == 1 {
			if start >= 0 {
				out = append(out, bytes.TrimRight(b[start:i], "\x00"))
			}
			i += 3
			start = i
			continue
		}
		i++
	}
	if start >= 0 && start < len(b) {
		out = append(out, b[start:])
	}
	return out
}
