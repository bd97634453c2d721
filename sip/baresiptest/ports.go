package baresiptest

import "testing"

// FreePorts returns the first of n consecutive ports free for TCP and UDP on 127.0.0.1 when
// asked: for a test that must give a range (--sip-rtp-ports) rather than port 0.
func FreePorts(t testing.TB, n int) int {
	t.Helper()
	return freePorts(t, n)
}
