package g722

// Decoder turns G.722 64 kbit/s codes back into 16 kHz 16-bit PCM, two
// samples per byte. Its zero value is not ready: use NewDecoder.
type Decoder struct{ state }

// NewDecoder returns a decoder in the Recommendation's reset state.
func NewDecoder() *Decoder {
	d := &Decoder{}
	d.Reset()
	return d
}

// Reset returns the decoder to its initial state.
func (d *Decoder) Reset() { d.reset() }

// Decode decodes codes into pcm, which needs 2·len(codes) samples, and
// returns the number of samples written.
func (d *Decoder) Decode(pcm []int16, codes []byte) int {
	pcm = pcm[:2*len(codes)]
	for i, c := range codes {
		rl := d.decodeLow(int32(c & 0x3f))
		rh := d.decodeHigh(int32(c >> 6))
		d.qmf.push(rl+rh, rl-rh)
		xd, xs := d.qmf.filter()
		pcm[2*i] = int16(sat16(xd >> 11))
		pcm[2*i+1] = int16(sat16(xs >> 11))
	}
	return 2 * len(codes)
}

// decodeLow reconstructs the lower band with the 6-bit inverse quantizer and
// updates the predictor with the 4-bit one, as the encoder did.
func (d *Decoder) decodeLow(il int32) int32 {
	b := &d.low
	rl := clamp(b.s+(b.det*qm6[il])>>15, -16384, 16383)
	ril := il >> 2
	dl := (b.det * qm4[ril]) >> 15
	b.adaptScale(wl[rl42[ril]], 18432, 8)
	b.predict(dl)
	return rl
}

func (d *Decoder) decodeHigh(ih int32) int32 {
	b := &d.high
	dh := (b.det * qm2[ih]) >> 15
	rh := clamp(b.s+dh, -16384, 16383)
	b.adaptScale(wh[rh2[ih]], 22528, 10)
	b.predict(dh)
	return rh
}
