package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"diemcau/store"
)

// --sip is checked with the other flags, a busy address given on purpose stops the start naming
// --sip, and serve -h states the default address; --sip-tls-cert/--sip-tls-key go together and
// are loaded before any port is bound, --sip-tls and --sip-rtp-ports are checked, each refusal
// naming the flag in the user's language.
func TestSIPFlag(t *testing.T) {
	help := captureStdout(t, func() error {
		if err := dispatch(context.Background(), []string{"serve", "-h", "--lang", "en"}); err != nil && !errors.Is(err, errHelp) {
			return err
		}
		return nil
	})
	if !strings.Contains(help, "--sip") || !strings.Contains(help, strconv.Quote(defaultSIPAddr)) || !strings.Contains(help, "--sip-tls-cert") ||
		!strings.Contains(help, "--sip-rtp-ports") {
		t.Errorf("serve -h does not state --sip and its default:\n%s", help)
	}
	busy, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyTCP, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busyTCP.Close()
	certFile, keyFile, _ := selfSigned(t, t.TempDir())
	notPEM := filepath.Join(t.TempDir(), "not.pem")
	if err := os.WriteFile(notPEM, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	f := newCLIFixture(t)
	serve := func(extra ...string) []string {
		return append([]string{"serve", "--db", f.db, "--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0", "--udp-port", "0", "--sip", "127.0.0.1:0"}, extra...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{serve("--sip", "5070"), "--sip phải là địa chỉ dạng MÁY:CỔNG"},
		{serve("--sip", "nowhere:99999", "--lang", "en"), fmt.Sprintf(msg("en", "badSIPAddr"), "nowhere:99999")},
		{serve("--sip", busy.LocalAddr().String()), busy.LocalAddr().String() + " (--sip) đang được chương trình khác dùng"},
		{serve("--sip-tls-cert", certFile), "--sip-tls-cert và --sip-tls-key phải đi cùng nhau"},
		{serve("--sip-tls-key", keyFile, "--lang", "en"), "--sip-tls-cert and --sip-tls-key go together"},
		{serve("--sip-tls-cert", "nope.pem", "--sip-tls-key", keyFile), "nope.pem (--sip-tls-cert)"},
		{serve("--sip-tls-cert", notPEM, "--sip-tls-key", notPEM, "--lang", "en"), "cannot load the certificate --sip-tls-cert " + notPEM},
		{serve("--sip-tls", "5071"), `--sip-tls phải là địa chỉ dạng MÁY:CỔNG`},
		{serve("--sip-tls-cert", certFile, "--sip-tls-key", keyFile, "--sip-tls", busyTCP.Addr().String()),
			busyTCP.Addr().String() + " (--sip-tls) đang được chương trình khác dùng"},
		{serve("--sip-rtp-ports", "5000-4000"), `--sip-rtp-ports phải là dải cổng UDP dạng NHỎ-LỚN với 1024 ≤ NHỎ < LỚN ≤ 65535 và ít nhất 4 cổng (ví dụ 40000-40999), không phải "5000-4000"`},
		{serve("--sip-rtp-ports", "80-90", "--lang", "en"), `--sip-rtp-ports must be a UDP port range MIN-MAX with 1024 ≤ MIN < MAX ≤ 65535 and at least 4 ports (e.g. 40000-40999), not "80-90"`},
		{serve("--sip-rtp-ports", "40000-40002"), `không phải "40000-40002"`},
	} {
		_, stderr, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
}

// bridgepoint sip-trust turns address trust on and off in the store (the SIP server then admits
// the site's device_ip without a digest, TestAddressTrust in sip/); rotate stores the SIP HA1.
func TestSIPTrustCommand(t *testing.T) {
	f := newCLIFixture(t)
	if stdout, stderr, code := runCLI(t, "bridgepoint", "sip-trust", "SO-KHCN", "on", "--db", f.db); code != 0 ||
		!strings.Contains(stdout, "10.60.1.11") {
		t.Fatalf("sip-trust on: %d %q %q", code, stdout, stderr)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bridgepoint", "sip-trust", "NOPE", "on", "--db", f.db}, `"NOPE"`},
		{[]string{"bridgepoint", "sip-trust", "SO-KHCN", "maybe", "--db", f.db, "--lang", "en"}, "usage: diemcau bridgepoint sip-trust ID on|off"},
	} {
		if _, stderr, code := runCLI(t, c.args...); code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	secret, _, code := runCLI(t, "bridgepoint", "rotate", "SO-KHCN", "--db", f.db, "--actor", "an")
	if code != 0 {
		t.Fatal("rotate failed")
	}
	st, err := store.Open(context.Background(), f.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.SIPCredential(context.Background(), "SO-KHCN")
	if err != nil || !c.TrustAddress || len(c.HA1) != 32 {
		t.Fatalf("stored SIP credential %+v, %v: want trust on and an HA1", c, err)
	}
	if _, _, code := runCLI(t, "bridgepoint", "sip-trust", "SO-KHCN", "off", "--db", f.db); code != 0 {
		t.Fatal("sip-trust off failed")
	}
	if c, _ := st.SIPCredential(context.Background(), "SO-KHCN"); c.TrustAddress || len(c.HA1) != 32 {
		t.Fatalf("after off: %+v", c)
	}
	rows, err := st.AuditLog(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	printed := strings.Fields(secret)
	if len(printed) == 0 {
		t.Fatalf("rotate printed no secret")
	}
	var got []string
	for _, e := range rows {
		if e.BridgePoint == "SO-KHCN" {
			got = append(got, e.Action+" "+e.Detail+" by "+e.Actor)
		}
		if strings.Contains(e.Detail, printed[len(printed)-1]) {
			t.Errorf("audit row %+v holds the printed secret", e)
		}
	}
	want := []string{"sip_trust on by " + defaultActor(), "secret_rotate  by an", "sip_trust off by " + defaultActor()}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("audit of SO-KHCN = %q, want %q", got, want)
	}
}
