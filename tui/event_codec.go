package tui

import (
	"strings"

	"diemcau/mcu"
)

// describeCodecMismatch explains an EventCodecMismatch: which bridge point cannot show which
// source's picture, in which slot, and why. Detail is "slot=main source=ID codec=video/H264
// accepts=video/VP8".
func describeCodecMismatch(c Common, e mcu.Event, names map[string]string) string {
	f := map[string]string{}
	for _, kv := range strings.Fields(e.Detail) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			f[k] = v
		}
	}
	slot := f["slot"]
	switch slot {
	case "main":
		slot = c.Text(txtSlotMain)
	case "speaker":
		slot = c.Text(txtSlotSpeaker)
	}
	codec := strings.TrimPrefix(f["codec"], "video/")
	if acc := strings.TrimPrefix(f["accepts"], "video/"); acc != "" {
		codec += " ≠ " + acc
	}
	return c.Text(txtEvCodecMismatch, nameOf(names, e.BridgePoint), nameOf(names, f["source"]), codec, slot)
}
