package main

import (
	"crypto/tls"
	"errors"
	"fmt"
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
	cert, err := tls.LoadX509KeyPair(cf.tlsCert, cf.tlsKey)
	if err != nil {
		return nil, fmt.Errorf("load TLS certificate %s and key %s: %w", cf.tlsCert, cf.tlsKey, err)
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}, nil
}
