package main

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"diemcau/store"
)

// --sip is checked with the other flags, a busy address given on purpose stops the start naming
// --sip, and serve -h states the default address.
func TestSIPFlag(t *testing.T) {
	help := captureStdout(t, func() error {
		if err := dispatch(context.Background(), []string{"serve", "-h", "--lang", "en"}); err != nil && !errors.Is(err, errHelp) {
			return err
		}
		return nil
	})
	if !strings.Contains(help, "--sip") || !strings.Contains(help, `"127.0.0.1:5060"`) {
		t.Errorf("serve -h does not state --sip and its default:\n%s", help)
	}
	busy, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	f := newCLIFixture(t)
	serve := func(extra ...string) []string {
		return append([]string{"serve", "--db", f.db, "--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0", "--udp-port", "0"}, extra...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{serve("--sip", "5060"), "--sip phải là địa chỉ dạng MÁY:CỔNG"},
		{serve("--sip", "nowhere:99999", "--lang", "en"), `--sip must be an address HOST:PORT with a port from 0 to 65535 (e.g. 0.0.0.0:5060) or off, not "nowhere:99999"`},
		{serve("--sip", busy.LocalAddr().String()), busy.LocalAddr().String() + " (--sip) đang được chương trình khác dùng"},
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
	if _, _, code := runCLI(t, "bridgepoint", "rotate", "SO-KHCN", "--db", f.db); code != 0 {
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
}
