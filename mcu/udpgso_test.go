package mcu

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"testing"
	"time"
)

// A batch holding a camera frame for several receivers, interleaved as the forwarder queues
// it (packet 1 to every receiver, then packet 2, …), reaches each receiver whole and in order;
// where the kernel has GSO, each receiver's run of equal packets (and a shorter last one) is
// one message, and a longer packet after a shorter one starts a new run.
func TestBatchSegmentsRunsPerReceiver(t *testing.T) {
	set, b := newTestBatch(t)

	sizes := []int{1200, 1200, 1200, 700, 1200, 90} // a frame, then a longer one after the short end
	var receivers []*net.UDPConn
	for range 3 {
		r, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		receivers = append(receivers, r)
	}
	payload := func(r, k int) []byte {
		p := bytes.Repeat([]byte{byte(r*16 + k)}, sizes[k])
		p[0], p[1] = byte(r), byte(k)
		return p
	}
	set.hold()
	for k := range sizes {
		for r, rc := range receivers {
			if _, err := b.WriteToAddrPort(payload(r, k), rc.LocalAddr().(*net.UDPAddr).AddrPort()); err != nil {
				t.Fatal(err)
			}
		}
	}
	b.mu.Lock()
	queued := b.n
	runs := 0
	if b.gso.on {
		runs = b.gso.plan(b.n, &b.dst, &b.msgs)
	}
	b.mu.Unlock()
	if queued != len(sizes)*len(receivers) {
		t.Fatalf("%d packets queued during a fan-out, want all %d held for the flush", queued, len(sizes)*len(receivers))
	}
	if b.gso.on && runs != 2*len(receivers) {
		t.Errorf("GSO planned %d messages, want %d (two runs per receiver)", runs, 2*len(receivers))
	}
	t.Logf("GSO on this kernel: %v; %d packets in %d messages", b.gso.on, queued, runs)
	set.release(true)

	buf := make([]byte, 2000)
	for r, rc := range receivers {
		_ = rc.SetReadDeadline(time.Now().Add(2 * time.Second))
		for k := range sizes {
			n, err := rc.Read(buf)
			if err != nil {
				t.Fatalf("receiver %d, packet %d: %v", r, k, err)
			}
			if want := payload(r, k); !bytes.Equal(buf[:n], want) {
				t.Fatalf("receiver %d, packet %d: got %d bytes starting %v, want %d bytes starting %v",
					r, k, n, buf[:2], len(want), want[:2])
			}
		}
	}
}

// A write outside any fan-out (Pion's own RTCP, DTLS, SCTP) leaves by itself after batchDelay,
// and so does one made while a fan-out was in progress that ended without a flush (a camera's
// packet before the last of its frame): a join's DTLS and SCTP must never wait for media.
func TestBatchFlushesStrayWrites(t *testing.T) {
	set, b := newTestBatch(t)
	r, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	to := r.LocalAddr().(*net.UDPAddr).AddrPort()
	buf := make([]byte, 100)
	expect := func(want string) {
		t.Helper()
		_ = r.SetReadDeadline(time.Now().Add(2 * time.Second))
		n, err := r.Read(buf)
		if err != nil || string(buf[:n]) != want {
			t.Fatalf("stray write %q: got %q, %v", want, buf[:n], err)
		}
	}
	if _, err := b.WriteToAddrPort([]byte("rtcp"), to); err != nil {
		t.Fatal(err)
	}
	expect("rtcp")
	set.hold()
	if _, err := b.WriteToAddrPort([]byte("dtls"), to); err != nil {
		t.Fatal(err)
	}
	set.release(false)
	expect("dtls")
}

// newTestBatch is a batched socket on loopback in a set of its own.
func newTestBatch(t *testing.T) (*batchSet, *batchConn) {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	set := &batchSet{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	b := newBatchConn(conn, set)
	set.add(b)
	t.Cleanup(func() { _ = b.Close() })
	return set, b
}
