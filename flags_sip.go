package main

import (
	"fmt"
	"net"
	"os"

	"diemcau/sip"
)

// sipTLSPort is the port of SIP over TLS when --sip-tls is not given (RFC 3261's sips port).
const sipTLSPort = "5061"

// checkSIP validates the SIP flags beyond --sip: the TLS pair goes together, --sip-tls is an
// address, --sip-rtp-ports a range; each refusal names the flag and the value.
func (cf *commonFlags) checkSIP(lang string) error {
	if (cf.sipTLSCert == "") != (cf.sipTLSKey == "") {
		fmt.Fprint(os.Stderr, msg(lang, "sipTLSPair"))
		return errUsage
	}
	if cf.sipTLS != "" && checkListenAddr(cf.sipTLS) != nil {
		fmt.Fprintf(os.Stderr, msg(lang, "badAddr"), "sip-tls", cf.sipTLS)
		return errUsage
	}
	if cf.sipRTPPorts != "" {
		r, err := sip.ParsePortRange(cf.sipRTPPorts)
		if err != nil {
			fmt.Fprintf(os.Stderr, msg(lang, "badSIPRTPPorts"), cf.sipRTPPorts, sip.MinRTPPorts)
			return errUsage
		}
		cf.sipRTP = r
	}
	return nil
}

// sipTLSAddr is where SIP over TLS listens: --sip-tls, else the --sip host on port 5061 (port 0
// when --sip asks for a free port).
func (cf commonFlags) sipTLSAddr() string {
	if cf.sipTLS != "" {
		return cf.sipTLS
	}
	host, port, err := net.SplitHostPort(cf.sip)
	if err != nil {
		return cf.sip
	}
	if port != "0" {
		port = sipTLSPort
	}
	return net.JoinHostPort(host, port)
}
