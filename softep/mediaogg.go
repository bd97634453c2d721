package softep

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/pion/webrtc/v4/pkg/media/oggreader"
)

// opusFrameSamples is one 20 ms Opus frame at the 48 kHz RTP clock.
const opusFrameSamples = 960

// loadAudioClip reads an Ogg Opus file (one packet per page) and the .levels file beside it.
func loadAudioClip(path string) (AudioClip, error) {
	packets, err := readOggPackets(path)
	if err != nil {
		return AudioClip{}, err
	}
	levelsPath := strings.TrimSuffix(path, ".ogg") + ".levels"
	levels, err := readLevels(levelsPath)
	if err != nil {
		return AudioClip{}, err
	}
	if len(levels) != len(packets) {
		return AudioClip{}, fmt.Errorf("load %s: %d Opus packets but %d levels in %s",
			path, len(packets), len(levels), levelsPath)
	}
	return AudioClip{Packets: packets, Levels: levels}, nil
}

// readOggPackets returns the Opus packets of an Ogg file, skipping the OpusHead and OpusTags pages.
func readOggPackets(path string) ([][]byte, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load audio clip: %w", err)
	}
	reader, _, err := oggreader.NewWith(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	var packets [][]byte
	var granules []uint64
	for {
		payload, page, err := reader.ParseNextPage()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("load %s: page %d: %w", path, len(packets), err)
		}
		if kind, ok := page.HeaderType(payload); ok && (kind == oggreader.HeaderOpusTags || kind == oggreader.HeaderOpusID) {
			continue
		}
		packets = append(packets, payload)
		granules = append(granules, page.GranulePosition)
	}
	if len(packets) == 0 {
		return nil, fmt.Errorf("load %s: no Opus packets", path)
	}
	// One 20 ms packet per page: consecutive granule positions advance by 960 (the last page may be trimmed).
	for i := 1; i < len(granules)-1; i++ {
		if granules[i]-granules[i-1] != opusFrameSamples {
			return nil, fmt.Errorf("load %s: page %d advances %d samples, want one 20 ms packet (960) per page",
				path, i, granules[i]-granules[i-1])
		}
	}
	return packets, nil
}

// readLevels reads one RFC 6464 level (0..127) per line; blank lines and # comments are skipped.
func readLevels(path string) ([]uint8, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load levels: %w", err)
	}
	defer f.Close()
	var levels []uint8
	scanner := bufio.NewScanner(f)
	line := 0
	for scanner.Scan() {
		line++
		text := strings.TrimSpace(scanner.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		v, err := strconv.Atoi(text)
		if err != nil || v < 0 || v > 127 {
			return nil, fmt.Errorf("load %s:%d: level %q is not 0..127", path, line, text)
		}
		levels = append(levels, uint8(v))
	}
	if err := scanner.Err(); err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	return levels, nil
}
