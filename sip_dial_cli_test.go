package main

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// --sip-redial and --sip-redial-every are checked with the other flags of serve, console and
// demo, in the user's language, and their help states the defaults (3 tries, 10 s apart).
func TestSIPRedialFlags(t *testing.T) {
	for _, cmd := range []string{"serve", "console", "demo"} {
		help := captureStdout(t, func() error {
			if err := dispatch(context.Background(), []string{cmd, "-h", "--lang", "en"}); err != nil && !errors.Is(err, errHelp) {
				return err
			}
			return nil
		})
		if !strings.Contains(help, "--sip-redial") || !strings.Contains(help, "--sip-redial-every") || !strings.Contains(help, "10s") {
			t.Errorf("%s -h does not state --sip-redial and --sip-redial-every with their defaults:\n%s", cmd, help)
		}
	}
	f := newCLIFixture(t)
	serve := func(extra ...string) []string {
		return append([]string{"serve", "--db", f.db, "--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0", "--udp-port", "0",
			"--sip", "off"}, extra...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{serve("--sip-redial", "-1"), "--sip-redial phải là số lần gọi lại từ 0 đến 20, không phải -1"},
		{serve("--sip-redial", "21", "--lang", "en"), "--sip-redial must be a number of redials from 0 to 20, not 21"},
		{serve("--sip-redial-every", "500ms"), "--sip-redial-every phải là khoảng chờ từ 1s đến 10m (ví dụ 10s), không phải 500ms"},
		{serve("--sip-redial-every", "1h", "--lang", "en"), "--sip-redial-every must be a wait from 1s to 10m (e.g. 10s), not 1h0m0s"},
		{serve("--sip-redial-every", "soon", "--lang", "en"), "sip-redial-every"},
	} {
		_, stderr, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
}
