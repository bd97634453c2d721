package g711

import "math/bits"

const (
	ulawBias = 0x84 // 33 in 14-bit units, shifted to 16-bit
	ulawClip = 32635
)

// EncodeUlaw returns the µ-law code of one 16-bit sample.
func EncodeUlaw(x int16) byte {
	v := int32(x) >> 2 << 2 // the Recommendation's 14-bit input
	mask := byte(0xff)
	if v < 0 {
		v, mask = -v, 0x7f
	}
	v = min(v, ulawClip) + ulawBias
	seg := bits.Len32(uint32(v)) - 8 // 0..7: v lies in [2^(seg+7), 2^(seg+8))
	return (byte(seg)<<4 | byte(v>>(seg+3))&0x0f) ^ mask
}

// DecodeUlaw returns the 16-bit sample a µ-law code stands for.
func DecodeUlaw(c byte) int16 {
	c = ^c
	t := (int32(c&0x0f)<<3 + ulawBias) << (c >> 4 & 7)
	if c&0x80 != 0 {
		return int16(ulawBias - t)
	}
	return int16(t - ulawBias)
}

// UlawEncode codes pcm into dst (len(pcm) bytes) and returns the count.
func UlawEncode(dst []byte, pcm []int16) int { return convert(dst, pcm, EncodeUlaw) }

// UlawDecode decodes codes into pcm (len(codes) samples) and returns the count.
func UlawDecode(pcm []int16, codes []byte) int {
	return convert(pcm, codes, func(c byte) int16 { return ulawTable[c] })
}

var ulawTable = func() (t [256]int16) {
	for c := range t {
		t[c] = DecodeUlaw(byte(c))
	}
	return t
}()
