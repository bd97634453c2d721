package opus

import "testing"

// TestDecodeRefusesMalformed: payloads a broken or hostile sender could put
// in RTP give an error, not a panic or a frame of noise.
func TestDecodeRefusesMalformed(t *testing.T) {
	tests := []struct {
		name    string
		payload []byte
	}{
		{"code 3 with zero frames", []byte{0x0b, 0x00}},
		{"code 3 frame count over 120 ms", []byte{0x0b, 0x3f}},
		{"code 2 length past the end", []byte{0x0a, 0xfc, 0xff}},
		{"code 1 odd length", []byte{0x09, 0x01, 0x02, 0x03}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dec, err := NewDecoder()
			if err != nil {
				t.Fatal(err)
			}
			if pcm, err := dec.Decode(tc.payload); err == nil {
				t.Fatalf("decoded to %d samples", len(pcm))
			}
		})
	}
}
