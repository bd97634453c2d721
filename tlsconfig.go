package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"os"
)

// errTLSPair means only one of --tls-cert and --tls-key was given.
var errTLSPair = errors.New("--tls-cert and --tls-key go together")

// errSIPTLSPair means only one of --sip-tls-cert and --sip-tls-key was given.
var errSIPTLSPair = errors.New("--sip-tls-cert and --sip-tls-key go together")

// tlsConfig loads the HTTPS certificate and key; nil (plain HTTP) when neither flag is given.
func (cf commonFlags) tlsConfig() (*tls.Config, error) {
	return loadTLS(cf.lang, "--tls-cert", cf.tlsCert, "--tls-key", cf.tlsKey, errTLSPair)
}

// sipTLSConfig loads SIP over TLS's certificate and key; nil (no TLS listener) when neither
// flag is given or SIP is off.
func (cf commonFlags) sipTLSConfig() (*tls.Config, error) {
	if cf.sip == "off" {
		return nil, nil
	}
	return loadTLS(cf.lang, "--sip-tls-cert", cf.sipTLSCert, "--sip-tls-key", cf.sipTLSKey, errSIPTLSPair)
}

// loadTLS loads a certificate and key named by two flags; nil when neither is given, errPair
// when only one is.
func loadTLS(lang, certFlag, certFile, keyFlag, keyFile string, errPair error) (*tls.Config, error) {
	if certFile == "" && keyFile == "" {
		return nil, nil
	}
	if certFile == "" || keyFile == "" {
		return nil, errPair
	}
	for _, f := range []struct{ flag, path string }{{certFlag, certFile}, {keyFlag, keyFile}} {
		if _, err := os.Stat(f.path); err != nil {
			return nil, fileError(lang, f.flag, f.path, err)
		}
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, &localError{text: fmt.Sprintf(msg(lang, "tlsLoad"), certFlag, certFile, keyFlag, keyFile, err), err: err}
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}, nil
}
