// Package g711 is ITU-T G.711 companding: 16-bit linear PCM to and from
// 8-bit µ-law (PCMU) and A-law (PCMA), the segment arithmetic of the Recommendation.
package g711

// convert applies f to every element of src, writing dst, and returns len(src).
func convert[S, D any](dst []D, src []S, f func(S) D) int {
	dst = dst[:len(src)]
	for i, x := range src {
		dst[i] = f(x)
	}
	return len(src)
}
