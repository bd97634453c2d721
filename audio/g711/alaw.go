package g711

import "math/bits"

// EncodeAlaw returns the A-law code of one 16-bit sample (even bits inverted, as sent).
func EncodeAlaw(x int16) byte {
	v := int32(x) >> 3 // the Recommendation's 13-bit input
	mask := byte(0xd5)
	if v < 0 {
		v, mask = -v-1, 0x55
	}
	seg := max(bits.Len32(uint32(v))-5, 0) // 0..7: segment 0 and 1 share a step
	if seg > 7 {
		return 0x7f ^ mask
	}
	shift := max(seg, 1)
	return (byte(seg)<<4 | byte(v>>shift)&0x0f) ^ mask
}

// DecodeAlaw returns the 16-bit sample an A-law code stands for.
func DecodeAlaw(c byte) int16 {
	c ^= 0x55
	t := int32(c&0x0f)<<4 + 8
	if seg := c >> 4 & 7; seg > 0 {
		t = (t + 0x100) << (seg - 1)
	}
	if c&0x80 != 0 {
		return int16(t)
	}
	return int16(-t)
}

// AlawEncode codes pcm into dst (len(pcm) bytes) and returns the count.
func AlawEncode(dst []byte, pcm []int16) int { return convert(dst, pcm, EncodeAlaw) }

// AlawDecode decodes codes into pcm (len(codes) samples) and returns the count.
func AlawDecode(pcm []int16, codes []byte) int {
	return convert(pcm, codes, func(c byte) int16 { return alawTable[c] })
}

var alawTable = func() (t [256]int16) {
	for c := range t {
		t[c] = DecodeAlaw(byte(c))
	}
	return t
}()
