package endpoints

import (
	"net/http"
	"strconv"
	"strings"
)

// pickLang chooses the page language: ?lang=vi|en first, then the browser's Accept-Language
// (the most preferred of vi and en), then the server's default.
func (p *JoinPage) pickLang(r *http.Request) string {
	switch strings.ToLower(r.URL.Query().Get("lang")) {
	case "vi":
		return "vi"
	case "en":
		return "en"
	}
	if l := acceptedLang(r.Header.Get("Accept-Language")); l != "" {
		return l
	}
	return p.lang
}

// acceptedLang returns "vi" or "en", whichever the Accept-Language header prefers, or "".
func acceptedLang(header string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if (primary == "vi" || primary == "en") && q > bestQ {
			best, bestQ = primary, q
		}
	}
	return best
}
