package tui

import (
	"context"
	"strings"
	"testing"

	"diemcau/mcu"
)

// TestCodecMismatchReadsClearly: the console explains, in the technician's language and with
// registry names, why a bridge point's slot stays empty, instead of printing the raw event.
func TestCodecMismatchReadsClearly(t *testing.T) {
	names := map[string]string{"XA-IAGRAI": "Xã Ia Grai", "SO-KHCN": "Sở Khoa học và Công nghệ"}
	ev := mcu.Event{Kind: mcu.EventCodecMismatch, BridgePoint: "XA-IAGRAI", Actor: "system",
		Detail: "slot=main source=SO-KHCN codec=video/H264 accepts=video/VP8"}
	for lang, want := range map[string][]string{
		"vi": {"Xã Ia Grai không giải mã được hình của Sở Khoa học và Công nghệ", "H264 ≠ VP8", "khung chính", "để trống"},
		"en": {"Xã Ia Grai cannot decode the picture of Sở Khoa học và Công nghệ", "H264 ≠ VP8", "main slot", "stays empty"},
	} {
		got, warn := describeEvent(NewCommon(context.Background(), nil, lang, testActor), ev, names)
		if !warn {
			t.Errorf("%s: a slot left empty is not shown as trouble", lang)
		}
		if strings.Contains(got, "codec_mismatch") || strings.Contains(got, "source=") {
			t.Errorf("%s: raw event text %q", lang, got)
		}
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", lang, got, w)
			}
		}
	}
}
