package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"diemcau/mcu"
)

// TestHeaderKeepsWhatMattersAt80: with everything on (recording, drafts, a failed test, an
// interrupted selection, a long speaker name), the 80-column header still shows connections,
// the interruption, the mutes and the speaker, and fits; a wide one shows the rest too.
func TestHeaderKeepsWhatMattersAt80(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		c := NewCommon(context.Background(), nil, lang, "console:test")
		h := NewHeader(c)
		start := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
		snap := mcu.Snapshot{Title: "Họp giao ban", Host: "UBND tỉnh", StartedAt: start, Recording: true,
			Connected: 151, Expected: 160, Speaker: "XA-IAGRAI"}
		for i := 0; i < 22; i++ {
			snap.Participants = append(snap.Participants, mcu.Participant{ID: "X", Mute: mcu.HardMute})
		}
		names := map[string]string{"XA-IAGRAI": "UBND xã Ia Grai (Trung tâm Văn hóa – Thể thao)"}
		h.SetSnapshot(snap, names, start.Add(83*time.Minute))
		h.SetFloor(22, 6*time.Minute+17*time.Second, "UBND phường Pleiku", 11*time.Second)
		h.SetTestFailed("UBND xã Chư Păh, UBND xã Ia Ly")
		want := map[string][]string{
			"vi": {"Kết nối 151/160", "Gián đoạn 06:17", "Tắt mic 22", "Phát biểu: UBND"},
			"en": {"Connected 151/160", "Interrupted 06:17", "Muted 22", "Speaker: UBND"},
		}[lang]
		for _, width := range []int{80, 60, 200} {
			h.SetSize(width, 2)
			lines := strings.Split(plain(h.View()), "\n")
			if len(lines) != 2 {
				t.Fatalf("%s %d: %d header lines", lang, width, len(lines))
			}
			for _, l := range lines {
				if cells(l) > width {
					t.Errorf("%s %d: line wider than the screen (%d): %q", lang, width, cells(l), l)
				}
			}
			for _, w := range want {
				if width >= 80 && !strings.Contains(lines[1], w) {
					t.Errorf("%s %d: header lacks %q: %q", lang, width, w, lines[1])
				}
			}
			if width == 200 {
				for _, w := range []string{"01:23:00", "● REC", "22"} {
					if !strings.Contains(lines[1], w) {
						t.Errorf("%s wide header lacks %q: %q", lang, w, lines[1])
					}
				}
			}
		}
	}
}
