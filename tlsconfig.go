package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"os"
)

// errTLSPair means only one of --tls-cert and --tls-key was given.
var errTLSPair = errors.New("--tls-cert and --tls-key go together")

// tlsConfig loads the HTTPS certificate and key; nil (plain HTTP) when neither flag is given.
func (cf commonFlags) tlsConfig() (*tls.Config, error) {
	if cf.tlsCert == "" && cf.tlsKey == "" {
		return nil, nil
	}
	if cf.tlsCert == "" || cf.tlsKey == "" {
		return nil, errTLSPair
	}
	for _, f := range []struct{ flag, path string }{{"--tls-cert", cf.tlsCert}, {"--tls-key", cf.tlsKey}} {
		if _, err := os.Stat(f.path); err != nil {
			return nil, fileError(cf.lang, f.flag, f.path, err)
		}
	}
	cert, err := tls.LoadX509KeyPair(cf.tlsCert, cf.tlsKey)
	if err != nil {
		return nil, &localError{text: fmt.Sprintf(msg(cf.lang, "tlsLoad"), cf.tlsCert, cf.tlsKey, err), err: err}
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}, nil
}
