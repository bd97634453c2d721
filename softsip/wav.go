package softsip

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
)

// readWAV reads a 16-bit mono PCM WAV file at Rate.
func readWAV(path string) ([]int16, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("softsip: read %s: %w", path, err)
	}
	if len(raw) < 12 || string(raw[:4]) != "RIFF" || string(raw[8:12]) != "WAVE" {
		return nil, fmt.Errorf("softsip: %s is not a WAV file", path)
	}
	var fmtOK bool
	for p := 12; p+8 <= len(raw); {
		id, size := string(raw[p:p+4]), int(binary.LittleEndian.Uint32(raw[p+4:p+8]))
		body := raw[p+8 : min(len(raw), p+8+size)]
		switch id {
		case "fmt ":
			if len(body) < 16 {
				return nil, fmt.Errorf("softsip: %s: short fmt chunk", path)
			}
			format, channels := binary.LittleEndian.Uint16(body[0:2]), binary.LittleEndian.Uint16(body[2:4])
			rate, bits := binary.LittleEndian.Uint32(body[4:8]), binary.LittleEndian.Uint16(body[14:16])
			if format != 1 || channels != 1 || rate != Rate || bits != 16 {
				return nil, fmt.Errorf("softsip: %s: need 16-bit mono PCM at %d Hz (format %d, %d channels, %d Hz, %d bits)",
					path, Rate, format, channels, rate, bits)
			}
			fmtOK = true
		case "data":
			if !fmtOK {
				return nil, fmt.Errorf("softsip: %s: data before fmt", path)
			}
			pcm := make([]int16, len(body)/2)
			for i := range pcm {
				pcm[i] = int16(binary.LittleEndian.Uint16(body[2*i:]))
			}
			return pcm, nil
		}
		p += 8 + size + size%2
	}
	return nil, errors.New("softsip: " + path + ": no data chunk")
}
