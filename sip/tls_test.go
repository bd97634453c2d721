package sip

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"

	"diemcau/endpoints"
)

// testCert is a self-signed certificate for 127.0.0.1 and the pool that trusts it.
func testCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "diemcau SIP test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// sipClient is a sipgo user agent calling as a terminal would, trusting pool over TLS.
type sipClient struct {
	ua   *sipgo.UserAgent
	d    sipgo.DialogUA
	byes chan struct{} // a BYE from the server received
}

func newSIPClient(t *testing.T, pool *x509.CertPool) *sipClient {
	t.Helper()
	ua, err := sipgo.NewUA(sipgo.WithUserAgent("test-terminal"),
		sipgo.WithUserAgenTLSConfig(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ua.Close() })
	cl, err := sipgo.NewClient(ua, sipgo.WithClientHostname("127.0.0.1"), sipgo.WithClientLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	// The Contact names a port nothing listens on, as a terminal's listening port that takes no
	// TLS connections: what the server sends in the dialog must come on the call's connection.
	dead, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead.Close()
	c := &sipClient{ua: ua, byes: make(chan struct{}, 4), d: sipgo.DialogUA{Client: cl, ContactHDR: sip.ContactHeader{
		Address: sip.Uri{Scheme: "sip", User: "terminal", Host: "127.0.0.1", Port: dead.Addr().(*net.TCPAddr).Port}}}}
	srv, err := sipgo.NewServer(ua, sipgo.WithServerLogger(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	srv.OnBye(func(req *sip.Request, tx sip.ServerTransaction) {
		_ = tx.Respond(sip.NewResponseFromRequest(req, 200, "OK", nil))
		c.byes <- struct{}{}
	})
	return c
}

// terminalOffer is a G.722 audio offer with its RTP on port.
func terminalOffer(port int) []byte {
	return fmt.Appendf(nil, "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"+
		"m=audio %d RTP/AVP 9 101\r\na=rtpmap:9 G722/8000\r\na=rtpmap:101 telephone-event/8000\r\n"+
		"a=fmtp:101 0-16\r\na=sendrecv\r\n", port)
}

// call INVITEs bridge point id at hostport over transport, answering the digest challenge with
// secret; it returns the dialog once answered and acknowledged, or the final error.
func (c *sipClient) call(ctx context.Context, id, hostport, transport, secret string) (*sipgo.DialogClientSession, error) {
	host, p, _ := net.SplitHostPort(hostport)
	var port int
	fmt.Sscan(p, &port)
	to := sip.Uri{Scheme: "sip", User: id, Host: host, Port: port, UriParams: sip.NewParams()}
	to.UriParams.Add("transport", transport)
	s, err := c.d.Invite(ctx, to, terminalOffer(40000), sip.NewHeader("Content-Type", "application/sdp"))
	if err != nil {
		return nil, err
	}
	if err := s.WaitAnswer(ctx, sipgo.AnswerOptions{Username: id, Password: secret}); err != nil {
		return nil, err
	}
	return s, s.Ack(ctx)
}

// A terminal calling over TLS (a sipgo user agent trusting the server's self-signed certificate)
// is challenged and admitted by digest and seated; with a wrong secret it is refused 403; its
// BYE ends the call, and the server's BYE (meeting ended) reaches it on the call's TLS connection
// though its Contact's port takes no connection.
func TestTLSDialInAdmittedByDigest(t *testing.T) {
	cert, pool := testCert(t)
	room := &recordingRoom{}
	creds := func(_ context.Context, id string) (Credential, bool, error) {
		return Credential{HA1: endpoints.SIPDigestHA1(id, rigSecret)}, id == "XA-IAGRAI", nil
	}
	srv, err := Listen(Config{Addr: "127.0.0.1:0", TLSAddr: "127.0.0.1:0", Rooms: room, Credentials: creds,
		TLS: &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, Log: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if srv.TLSAddr() == "" || srv.TLSAddr() == srv.Addr() {
		t.Fatalf("TLS address %q beside %q", srv.TLSAddr(), srv.Addr())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	cl := newSIPClient(t, pool)
	_, err = cl.call(ctx, "XA-IAGRAI", srv.TLSAddr(), "tls", "guess")
	var refused *sipgo.ErrDialogResponse
	if !errors.As(err, &refused) || refused.Res.StatusCode != 403 {
		t.Fatalf("a wrong secret over TLS: %v, want 403", err)
	}
	if n, _, _, _, _ := room.snapshot(); n != 0 {
		t.Fatal("a terminal with a wrong secret was seated")
	}

	dlg, err := cl.call(ctx, "XA-IAGRAI", srv.TLSAddr(), "tls", rigSecret)
	if err != nil {
		t.Fatalf("the right secret over TLS: %v", err)
	}
	if n, _, _, _, _ := room.snapshot(); n != 1 {
		t.Fatalf("%d calls seated, want 1", n)
	}
	if tr := dlg.InviteResponse.Contact(); tr == nil || !tr.Address.UriParams.Has("transport") {
		t.Fatalf("the answer's Contact %v does not say TLS", tr)
	} else if v, _ := tr.Address.UriParams.Get("transport"); v != "tls" {
		t.Fatalf("the answer's Contact says transport=%s", v)
	}
	if err := dlg.Bye(ctx); err != nil {
		t.Fatalf("BYE over TLS: %v", err)
	}
	waitFor(t, "the call's end in the room", 10*time.Second, func() bool {
		_, _, _, _, left := room.snapshot()
		return len(left) == 1 && left[0] == "left"
	})

	// The server hangs up (the meeting ended): its BYE reaches the terminal on the TLS connection.
	if _, err := cl.call(ctx, "XA-IAGRAI", srv.TLSAddr(), "tls", rigSecret); err != nil {
		t.Fatal(err)
	}
	room.mu.Lock()
	c := room.calls[len(room.calls)-1]
	room.mu.Unlock()
	waitFor(t, "the terminal's ACK read", 10*time.Second, func() bool { return dialogConfirmed(c) })
	c.end("closed", true, true)
	select {
	case <-cl.byes:
	case <-ctx.Done():
		t.Fatal("the server's BYE never reached the terminal over TLS")
	}
}

// dialogConfirmed tells whether the call's dialog has its ACK (a BYE is sent only then).
func dialogConfirmed(c *call) bool {
	d, ok := c.dlg.(serverDialog)
	return ok && d.LoadState() == sip.DialogStateConfirmed
}
