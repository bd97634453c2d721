package mcu

import "errors"

// H.264 NAL unit types the MCU looks at (RFC 6184 packetization).
const (
	nalIDR   = 5
	nalSPS   = 7
	nalSTAPA = 24
	nalFUA   = 28
)

// H264Keyframe reports whether payload starts a picture a decoder can start from: an SPS or an
// IDR slice, alone, first in a STAP-A aggregate (browsers and Pion's payloader send SPS and PPS
// so before each IDR), or the first fragment (FU-A, start bit) of one.
func H264Keyframe(payload []byte) bool {
	if len(payload) < 2 {
		return false
	}
	switch t := payload[0] & 0x1f; t {
	case nalIDR, nalSPS:
		return true
	case nalSTAPA:
		for rest := payload[1:]; len(rest) > 2; {
			n := int(rest[0])<<8 | int(rest[1])
			rest = rest[2:]
			if n == 0 || n > len(rest) {
				return false
			}
			if t := rest[0] & 0x1f; t == nalIDR || t == nalSPS {
				return true
			}
			rest = rest[n:]
		}
	case nalFUA:
		t := payload[1] & 0x1f
		return payload[1]&0x80 != 0 && (t == nalIDR || t == nalSPS)
	}
	return false
}

// H264FrameSize returns the picture size when payload carries a sequence parameter set, as a
// single NAL unit or inside a STAP-A aggregate (as browsers send it before each IDR).
func H264FrameSize(payload []byte) (width, height int, ok bool) {
	if len(payload) < 2 {
		return 0, 0, false
	}
	switch payload[0] & 0x1f {
	case nalSPS:
		return spsSize(payload[1:])
	case nalSTAPA:
		for rest := payload[1:]; len(rest) > 2; {
			n := int(rest[0])<<8 | int(rest[1])
			rest = rest[2:]
			if n == 0 || n > len(rest) {
				return 0, 0, false
			}
			if rest[0]&0x1f == nalSPS {
				return spsSize(rest[1:n])
			}
			rest = rest[n:]
		}
	}
	return 0, 0, false
}

// spsSize reads the cropped picture size from an SPS (ITU-T H.264 §7.3.2.1.1), after its
// NAL header byte.
func spsSize(rbspWithEscapes []byte) (width, height int, ok bool) {
	r := bitReader{b: unescapeRBSP(rbspWithEscapes)}
	profile := r.bits(8)
	r.bits(16) // constraint flags, level_idc
	r.ue()     // seq_parameter_set_id
	chroma := uint32(1)
	switch profile {
	case 100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135:
		chroma = r.ue()
		if chroma == 3 {
			r.bits(1) // separate_colour_plane_flag
		}
		r.ue()              // bit_depth_luma_minus8
		r.ue()              // bit_depth_chroma_minus8
		r.bits(1)           // qpprime_y_zero_transform_bypass_flag
		if r.bits(1) == 1 { // seq_scaling_matrix_present_flag
			lists := 8
			if chroma == 3 {
				lists = 12
			}
			for i := 0; i < lists; i++ {
				if r.bits(1) == 1 {
					size := 16
					if i >= 6 {
						size = 64
					}
					r.skipScalingList(size)
				}
			}
		}
	}
	r.ue()          // log2_max_frame_num_minus4
	switch r.ue() { // pic_order_cnt_type
	case 0:
		r.ue() // log2_max_pic_order_cnt_lsb_minus4
	case 1:
		r.bits(1) // delta_pic_order_always_zero_flag
		r.se()    // offset_for_non_ref_pic
		r.se()    // offset_for_top_to_bottom_field
		for n := r.ue(); n > 0 && r.err == nil; n-- {
			r.se()
		}
	}
	r.ue()    // max_num_ref_frames
	r.bits(1) // gaps_in_frame_num_value_allowed_flag
	wMbs := int(r.ue()) + 1
	hMaps := int(r.ue()) + 1
	frameMbsOnly := int(r.bits(1))
	if frameMbsOnly == 0 {
		r.bits(1) // mb_adaptive_frame_field_flag
	}
	r.bits(1) // direct_8x8_inference_flag
	var cl, cr, ct, cb int
	if r.bits(1) == 1 { // frame_cropping_flag
		cl, cr, ct, cb = int(r.ue()), int(r.ue()), int(r.ue()), int(r.ue())
	}
	if r.err != nil {
		return 0, 0, false
	}
	unitX, unitY := 1, 2-frameMbsOnly
	switch chroma {
	case 1:
		unitX, unitY = 2, 2*(2-frameMbsOnly)
	case 2:
		unitX = 2
	}
	width = wMbs*16 - (cl+cr)*unitX
	height = (2-frameMbsOnly)*hMaps*16 - (ct+cb)*unitY
	if width <= 0 || height <= 0 || width > 16384 || height > 16384 {
		return 0, 0, false
	}
	return width, height, true
}

// unescapeRBSP removes emulation prevention bytes (00 00 03 → 00 00).
func unescapeRBSP(b []byte) []byte {
	out := make([]byte, 0, len(b))
	zeros := 0
	for _, c := range b {
		if zeros >= 2 && c == 3 {
			zeros = 0
			continue
		}
		out = append(out, c)
		if c == 0 {
			zeros++
		} else {
			zeros = 0
		}
	}
	return out
}

var errShortSPS = errors.New("h264: sps ends early")

// bitReader reads an H.264 bit string; after the first error every read returns 0.
type bitReader struct {
	b   []byte
	pos int // in bits
	err error
}

func (r *bitReader) bits(n int) uint32 {
	var v uint32
	for i := 0; i < n; i++ {
		if r.pos >= len(r.b)*8 {
			r.err = errShortSPS
			return 0
		}
		v = v<<1 | uint32(r.b[r.pos/8]>>(7-r.pos%8)&1)
		r.pos++
	}
	return v
}

// ue reads an unsigned Exp-Golomb code.
func (r *bitReader) ue() uint32 {
	zeros := 0
	for r.bits(1) == 0 && r.err == nil {
		zeros++
		if zeros > 31 {
			r.err = errShortSPS
			return 0
		}
	}
	return (1<<zeros - 1) + r.bits(zeros)
}

// se reads a signed Exp-Golomb code.
func (r *bitReader) se() int32 {
	k := r.ue()
	if k%2 == 1 {
		return int32((k + 1) / 2)
	}
	return -int32(k / 2)
}

func (r *bitReader) skipScalingList(size int) {
	last, next := int32(8), int32(8)
	for j := 0; j < size && r.err == nil; j++ {
		if next != 0 {
			next = (last + r.se() + 256) % 256
		}
		if next != 0 {
			last = next
		}
	}
}
