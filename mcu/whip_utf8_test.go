package mcu

import (
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestWHIPRefusalNeverCutsACharacter sends offers whose parse error quotes a long line of
// Vietnamese: the refusal, cut to its length limit, is still valid UTF-8 whichever byte the
// limit falls on.
func TestWHIPRefusalNeverCutsACharacter(t *testing.T) {
	h := newHarness(t, ConferenceSpec{})
	for _, pad := range []string{"", "x", "xx", "xxx"} {
		offer := "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" +
			"c=IN IP4 0.0.0.0\r\nb=" + pad + strings.Repeat("Đường ", 60) + "\r\n"
		resp, body := whipDo(t, http.MethodPost, h.srv.URL+"/whip/B", testSecrets["B"], "application/sdp", offer)
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("pad %q: status %d (%s)", pad, resp.StatusCode, body)
		}
		if !strings.Contains(body, "Đường") || len(body) > 400 {
			t.Errorf("pad %q: the refusal does not quote the bad line, cut: %q", pad, body)
		}
		if !utf8.ValidString(body) {
			t.Errorf("pad %q: the refusal cuts a character in half: %q", pad, body[len(body)-8:])
		}
	}
}
