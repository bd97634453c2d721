package sip

import (
	"strings"

	"github.com/emiago/sipgo/sip"
)

// reuseConnection points the dialog's remote target at the connection an INVITE came on over TCP
// or TLS, so the server's BYE goes back on that connection instead of a new one to the Contact's
// port: a terminal behind a NAT, or one that does not accept TLS connections (most do not), still
// hears that the meeting ended. Over UDP the Contact is kept.
func reuseConnection(invite *sip.Request) {
	switch strings.ToLower(invite.Transport()) {
	case "tcp", "tls":
	default:
		return
	}
	ct := invite.Contact()
	if ct == nil {
		return
	}
	host, port, err := sip.ParseAddr(invite.Source())
	if err != nil || port == 0 {
		return
	}
	ct.Address.Host, ct.Address.Port = host, port
}
