package mcu

import (
	"time"

	"github.com/pion/rtp"
)

const (
	speakingThreshold = 35                     // level (0..100) above which a bridge point counts as speaking (≈ -49 dBov)
	speakingHold      = 600 * time.Millisecond // how long "speaking" lasts after the last loud packet
)

// levelMeter smooths RFC 6464 audio levels of one source; used only by its reader goroutine.
type levelMeter struct {
	extID   uint8
	value   float64
	present bool
}

// observe reads the audio level extension of pkt and updates m's published level.
func (lm *levelMeter) observe(pkt *rtp.Packet, m *member, now time.Time) {
	if lm.extID == 0 {
		return
	}
	raw := pkt.GetExtension(lm.extID)
	if len(raw) == 0 {
		return
	}
	var ext rtp.AudioLevelExtension
	if err := ext.Unmarshal(raw); err != nil {
		return
	}
	lm.update(ext.Level, m, now)
}

// update smooths one RFC 6464 level (0 = 0 dBov … 127 = silence) into m's published level.
func (lm *levelMeter) update(dBov uint8, m *member, now time.Time) {
	x := levelPercent(dBov)
	if !lm.present {
		lm.value, lm.present = x, true
	} else if x > lm.value {
		lm.value += 0.4 * (x - lm.value) // fast attack
	} else {
		lm.value += 0.08 * (x - lm.value) // slow release
	}
	v := int32(lm.value + 0.5)
	m.level.Store(v)
	if v > speakingThreshold {
		m.lastVoice.Store(now.UnixNano())
	}
}

// levelPercent maps an RFC 6464 level (0 = 0 dBov loudest, 127 = silence) to 0..100 on the
// range where speech lives: -10 dBov and louder is 100, -70 dBov and quieter is 0. Speech sits
// around -20 … -40 dBov (50–83), room tone near -55 dBov (25).
func levelPercent(dBov uint8) float64 {
	x := float64(70-int(dBov)) * 100 / 60
	return min(max(x, 0), 100)
}
