// Package g722 is ITU-T G.722 at 64 kbit/s (mode 1): sub-band ADPCM that carries
// 16 kHz speech in one byte per two samples, written from the Recommendation in pure Go.
package g722
