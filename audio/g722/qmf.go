package g722

// qmfLine is the 24-sample delay line of a QMF, kept twice over so the
// newest 24 samples are always one contiguous slice without shifting.
type qmfLine struct {
	buf [48]int32
	pos int
}

// push appends two samples, older first.
func (q *qmfLine) push(a, b int32) {
	q.buf[q.pos], q.buf[q.pos+24] = a, a
	q.buf[q.pos+1], q.buf[q.pos+25] = b, b
	q.pos += 2
	if q.pos == 24 {
		q.pos = 0
	}
}

// filter returns the sums of the newest sample and every second one before it
// weighted by the even coefficients (even), and of the others by the odd ones (odd).
func (q *qmfLine) filter() (even, odd int32) {
	w := q.buf[q.pos : q.pos+24 : q.pos+24]
	for i := 0; i < 24; i += 2 {
		odd += w[i] * qmf[i]
		even += w[i+1] * qmf[i+1]
	}
	return even, odd
}
