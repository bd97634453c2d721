package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// selfSigned writes a self-signed certificate for 127.0.0.1 and its key as PEM files in dir.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	return writeTestCert(t, dir, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
}

// writeTestCert writes a self-signed certificate for 127.0.0.1 valid from from until until.
func writeTestCert(t *testing.T, dir string, from, until time.Time) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "diemcau test"},
		NotBefore:    from,
		NotAfter:     until,
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestHTTPSServesTheJoinPage(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	cf := commonFlags{db: filepath.Join(dir, "diemcau.db"), http: "127.0.0.1:0", lang: "vi",
		logFile: filepath.Join(dir, "diemcau.log"), tlsCert: certFile, tlsKey: keyFile}
	a, err := openApp(context.Background(), cf, true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if err := a.serveHTTP(); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.baseURL, "https://") {
		t.Fatalf("baseURL %q is not https", a.baseURL)
	}
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get(a.baseURL + "/join/XA-IAGRAI")
	if err != nil {
		t.Fatalf("GET /join over TLS: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.TLS == nil || resp.TLS.Version < tls.VersionTLS12 {
		t.Fatalf("GET /join: status %d, TLS %+v", resp.StatusCode, resp.TLS)
	}
	if !strings.Contains(strings.ToLower(string(body)), "<html") {
		t.Errorf("join page body: %.200s", body)
	}

	// TLS 1.1 is refused; so is plain HTTP on the HTTPS port.
	old := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{
		RootCAs: pool, MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11}}}
	if resp, err := old.Get(a.baseURL + "/join/XA-IAGRAI"); err == nil {
		resp.Body.Close()
		t.Error("a TLS 1.1 client was served")
	}
	plainURL := "http://" + strings.TrimPrefix(a.baseURL, "https://") + "/join/XA-IAGRAI"
	if resp, err := http.Get(plainURL); err == nil {
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Error("plain HTTP was served the join page on the HTTPS port")
		}
	}
}

func TestTLSFlagsGoTogether(t *testing.T) {
	for _, args := range [][]string{{"--tls-cert", "cert.pem"}, {"--tls-key", "key.pem"}} {
		var cf commonFlags
		fs := newFlagSet("serve", &cf, "diemcau.db")
		if err := parse(fs, &cf, args); err != errUsage {
			t.Errorf("%v: parse = %v, want the usage error", args, err)
		}
		if _, err := cf.tlsConfig(); err != errTLSPair {
			t.Errorf("%v: tlsConfig = %v, want errTLSPair", args, err)
		}
	}
	var cf commonFlags
	if err := parse(newFlagSet("serve", &cf, "diemcau.db"), &cf, []string{"--tls-cert", "missing.pem", "--tls-key", "missing.key"}); err != nil {
		t.Fatalf("both flags: %v", err)
	}
	if _, err := cf.tlsConfig(); err == nil || !strings.Contains(err.Error(), "missing.pem") {
		t.Errorf("missing files: %v", err)
	}
}
