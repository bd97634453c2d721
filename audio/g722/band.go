package g722

// band is the adaptive predictor and scale factor of one sub-band (blocks 3 and 4).
type band struct {
	s, sp, sz int32 // signal estimate, pole and zero parts
	r         [3]int32
	a, ap     [3]int32
	b, bp     [7]int32
	d         [7]int32
	p         [3]int32
	nb        int32 // log scale factor
	det       int32 // linear scale factor
}

// state is what an encoder and a decoder both hold: the two bands and the QMF line.
type state struct {
	low, high band
	qmf       qmfLine
}

// reset puts the state in the Recommendation's initial condition.
func (s *state) reset() {
	*s = state{}
	s.low.det = 32
	s.high.det = 8
}

// magnitude is the Recommendation's one's-complement magnitude of a difference.
func magnitude(x int32) int32 {
	if x < 0 {
		return -(x + 1)
	}
	return x
}

func sat16(x int32) int32 {
	if x > 32767 {
		return 32767
	}
	if x < -32768 {
		return -32768
	}
	return x
}

func clamp(x, lo, hi int32) int32 {
	if x < lo {
		return lo
	}
	if x > hi {
		return hi
	}
	return x
}

// sign is 0 for a value ≥ 0 and -1 below, as the Recommendation compares signs.
func sign(x int32) int32 { return x >> 31 }

// adaptScale updates the log scale factor with the step w and derives the
// linear scale factor (LOGSCL/LOGSCH then SCALEL/SCALEH); limit and shift
// differ between the lower (18432, 8) and higher (22528, 10) bands.
func (b *band) adaptScale(w, limit, shift int32) {
	b.nb = clamp((b.nb*127)>>7+w, 0, limit)
	wd1 := ilb[(b.nb>>6)&31]
	wd2 := shift - b.nb>>11
	if wd2 < 0 {
		b.det = (wd1 << -wd2) << 2
	} else {
		b.det = (wd1 >> wd2) << 2
	}
}

// predict runs block 4 with the quantized difference d: reconstruction, pole
// and zero coefficient adaptation, and the next signal estimate.
func (b *band) predict(d int32) {
	// RECONS, PARREC
	b.d[0] = d
	b.r[0] = sat16(b.s + d)
	b.p[0] = sat16(b.sz + d)

	// UPPOL2
	sg0, sg1, sg2 := sign(b.p[0]), sign(b.p[1]), sign(b.p[2])
	wd1 := sat16(b.a[1] << 2)
	wd2 := wd1
	if sg0 == sg1 {
		wd2 = -wd1
	}
	if wd2 > 32767 {
		wd2 = 32767
	}
	wd3 := wd2 >> 7
	if sg0 == sg2 {
		wd3 += 128
	} else {
		wd3 -= 128
	}
	wd3 += (b.a[2] * 32512) >> 15
	b.ap[2] = clamp(wd3, -12288, 12288)

	// UPPOL1
	wd1 = -192
	if sg0 == sg1 {
		wd1 = 192
	}
	b.ap[1] = sat16(wd1 + (b.a[1]*32640)>>15)
	lim := sat16(15360 - b.ap[2])
	b.ap[1] = clamp(b.ap[1], -lim, lim)

	// UPZERO
	var step int32
	if d != 0 {
		step = 128
	}
	sgd := sign(d)
	for i := 1; i < 7; i++ {
		w := -step
		if sign(b.d[i]) == sgd {
			w = step
		}
		b.bp[i] = sat16(w + (b.b[i]*32640)>>15)
	}

	// DELAYZ, DELAYA
	for i := 6; i > 0; i-- {
		b.d[i] = b.d[i-1]
		b.b[i] = b.bp[i]
	}
	for i := 2; i > 0; i-- {
		b.r[i] = b.r[i-1]
		b.p[i] = b.p[i-1]
		b.a[i] = b.ap[i]
	}

	// FILTEP
	wd1 = (b.a[1] * sat16(b.r[1]+b.r[1])) >> 15
	wd2 = (b.a[2] * sat16(b.r[2]+b.r[2])) >> 15
	b.sp = sat16(wd1 + wd2)

	// FILTEZ
	var sz int32
	for i := 6; i > 0; i-- {
		sz += (b.b[i] * sat16(b.d[i]+b.d[i])) >> 15
	}
	b.sz = sat16(sz)

	// PREDIC
	b.s = sat16(b.sp + b.sz)
}
