// Package mix mixes the conference audio for terminals that decode one stream:
// each gets the open microphones minus its own, at its codec's rate (8, 16 or 48 kHz).
package mix

// Rate is the rate the mix is made at; sources and receivers at other rates
// are resampled to and from it.
const Rate = 48000

// FrameMs is the length of one frame in milliseconds.
const FrameMs = 20

// frameLen is the number of samples in one frame at rate.
func frameLen(rate int) int { return rate * FrameMs / 1000 }
