package mcu

import "github.com/pion/rtp/codecs"

// vp8KeyframeSize returns the frame size when payload is the first packet of a VP8 keyframe.
func vp8KeyframeSize(payload []byte) (width, height int, ok bool) {
	if len(payload) == 0 || payload[0]&0x10 == 0 { // S bit: start of partition
		return 0, 0, false
	}
	var vp codecs.VP8Packet
	frame, err := vp.Unmarshal(payload)
	if err != nil || vp.S != 1 || vp.PID != 0 || len(frame) < 10 {
		return 0, 0, false
	}
	if frame[0]&0x01 != 0 { // P bit: 0 = keyframe
		return 0, 0, false
	}
	if frame[3] != 0x9d || frame[4] != 0x01 || frame[5] != 0x2a {
		return 0, 0, false
	}
	width = int(uint16(frame[6])|uint16(frame[7])<<8) & 0x3fff
	height = int(uint16(frame[8])|uint16(frame[9])<<8) & 0x3fff
	return width, height, true
}
