package sip

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os/exec"
	"testing"
	"time"

	"diemcau/sip/baresiptest"
)

// Garbage datagrams and TCP streams, and a flood of INVITEs (SIPp when installed, else raw
// ones), never take the server down: it drops the flooding address for the rest of the minute,
// and a terminal from another address is still admitted.
func TestGarbageAndFloodLeaveTheServerUp(t *testing.T) {
	rig := newRoomRig(t)
	addr := rig.srv.Addr()
	udp, err := net.Dial("udp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer udp.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	invite := []byte("INVITE sip:XA-IAGRAI@" + addr + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK1\r\n" +
		"From: <sip:x@127.0.0.1>;tag=1\r\nTo: <sip:XA-IAGRAI@" + addr + ">\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n" +
		"Contact: <sip:x@127.0.0.1:9>\r\nContent-Type: application/sdp\r\nContent-Length: 9999\r\n\r\nv=0\r\n")
	for i := range 3000 {
		var b []byte
		switch i % 3 {
		case 0:
			b = make([]byte, rng.IntN(1400)+1)
			for j := range b {
				b[j] = byte(rng.UintN(256))
			}
		case 1:
			b = invite[:rng.IntN(len(invite))]
		default:
			b = bytes.Replace(invite, []byte("XA-IAGRAI"), bytes.Repeat([]byte("%"), rng.IntN(2000)), 1)
		}
		_, _ = udp.Write(b)
	}
	for range 20 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatalf("TCP refused during garbage: %v", err)
		}
		junk := make([]byte, 64<<10)
		for j := range junk {
			junk[j] = byte(rng.UintN(256))
		}
		_, _ = c.Write(junk)
		c.Close()
	}
	if path, err := exec.LookPath("sipp"); err == nil {
		// SIPp waits out its unanswered calls (32 s); the flood is over once it has sent them.
		ctx, cancel := context.WithTimeout(context.Background(), 6*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, path, "-sn", "uac", "-s", "XA-IAGRAI", "-r", "500", "-m", "1500", "-l", "1500",
			"-nostdin", "-i", "127.0.0.1", addr)
		cmd.Dir = t.TempDir()
		_ = cmd.Run() // the calls fail (401, then no answer): that is the point
	} else {
		t.Log("sipp not installed (apt-get install sip-tester): flooding with raw INVITEs")
		for i := range 2000 {
			_, _ = udp.Write(bytes.Replace(invite, []byte("Call-ID: c1"), fmt.Appendf(nil, "Call-ID: f%d", i), 1))
		}
	}
	if ok, _ := rig.srv.guard.admit("127.0.0.1", time.Now()); ok {
		t.Fatal("the flooding address is still served")
	}
	baresiptest.Need(t)
	b := baresiptest.Start(t, "<sip:XA-IAGRAI@127.0.0.2>;auth_pass="+rigSecret+";regint=0", micWAV(t), "127.0.0.2")
	b.Command("dial", "sip:XA-IAGRAI@"+addr)
	b.WaitOutput(20*time.Second, "Call established")
}
