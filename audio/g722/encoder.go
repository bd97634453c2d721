package g722

// Encoder turns 16 kHz 16-bit PCM into G.722 64 kbit/s codes, one byte per two
// samples. Its zero value is not ready: use NewEncoder.
type Encoder struct{ state }

// NewEncoder returns an encoder in the Recommendation's reset state.
func NewEncoder() *Encoder {
	e := &Encoder{}
	e.Reset()
	return e
}

// Reset returns the encoder to its initial state, as at the start of a call.
func (e *Encoder) Reset() { e.reset() }

// Encode codes pcm (an even number of samples) into dst, which needs
// len(pcm)/2 bytes, and returns the number of bytes written. A trailing odd
// sample is ignored.
func (e *Encoder) Encode(dst []byte, pcm []int16) int {
	n := len(pcm) / 2
	dst = dst[:n]
	for i := range dst {
		dst[i] = e.encodePair(int32(pcm[2*i]), int32(pcm[2*i+1]))
	}
	return n
}

func (e *Encoder) encodePair(x0, x1 int32) byte {
	e.qmf.push(x0, x1)
	xa, xb := e.qmf.filter()
	il := e.quantLow((xa + xb) >> 14)
	ih := e.quantHigh((xa - xb) >> 14)
	return ih<<6 | il
}

// quantLow is blocks 1L–4L: the 6-bit code of the lower band, then the
// predictor and scale factor update from its 4-bit truncation.
func (e *Encoder) quantLow(xl int32) uint8 {
	b := &e.low
	el := sat16(xl - b.s)
	wd := magnitude(el)
	i := 1
	for ; i < 30; i++ {
		if wd < (q6[i]*b.det)>>12 {
			break
		}
	}
	il := ilp[i]
	if el < 0 {
		il = iln[i]
	}
	ril := il >> 2
	d := (b.det * qm4[ril]) >> 15
	b.adaptScale(wl[rl42[ril]], 18432, 8)
	b.predict(d)
	return il
}

// quantHigh is blocks 1H–4H: the 2-bit code of the higher band and its update.
func (e *Encoder) quantHigh(xh int32) uint8 {
	b := &e.high
	eh := sat16(xh - b.s)
	mih := 1
	if magnitude(eh) >= (564*b.det)>>12 {
		mih = 2
	}
	ih := ihp[mih]
	if eh < 0 {
		ih = ihn[mih]
	}
	d := (b.det * qm2[ih]) >> 15
	b.adaptScale(wh[rh2[ih]], 22528, 10)
	b.predict(d)
	return ih
}
