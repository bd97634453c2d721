package mcu

import (
	"strings"

	"github.com/pion/webrtc/v4"
)

// iceServerLinks renders ICE servers as RFC 9725 §4.6 Link header values, one per URL:
//
//	<turn:turn.example.net?transport=udp>; rel="ice-server"; username="u"; credential="p"; credential-type="password"
func iceServerLinks(servers []webrtc.ICEServer) []string {
	var out []string
	for _, s := range servers {
		for _, u := range s.URLs {
			if u == "" || strings.ContainsAny(u, "<>\r\n") {
				continue
			}
			link := "<" + u + `>; rel="ice-server"`
			if cred, isText := s.Credential.(string); s.Username != "" && isText {
				link += `; username="` + linkQuote(s.Username) + `"; credential="` + linkQuote(cred) +
					`"; credential-type="password"`
			}
			out = append(out, link)
		}
	}
	return out
}

// linkQuote escapes a value for a quoted-string of a Link header parameter.
func linkQuote(v string) string {
	v = strings.NewReplacer("\r", "", "\n", "").Replace(v)
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v)
}
