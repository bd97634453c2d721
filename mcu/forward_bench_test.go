package mcu

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// benchReceivers joins n quiet real Pion receivers to a conference whose slot selection does
// not run, so that the benchmark alone decides what each slot carries.
func benchReceivers(b *testing.B, cfg Config, n int) []*session {
	b.Helper()
	m, spec, creds := newBenchMCU(b, cfg, "bench", "R", n)
	c := newConference(m, spec)
	m.mu.Lock()
	m.confs[spec.ID] = c // no c.run(): selection would reassign the slots
	m.mu.Unlock()
	srv := httptest.NewServer(m.Handler())
	b.Cleanup(func() {
		srv.Close()
		c.shutdown("bench over")
		_ = m.Close()
	})
	for id, secret := range creds {
		cl := newQuietClient(b, srv.URL, id, secret)
		if code := cl.join(context.Background()); code != 201 {
			b.Fatalf("join %s: %d", id, code)
		}
	}
	eventually(b, 30*time.Second, func() bool { return c.Snapshot().Connected == n }, "receivers never connected")
	out := make([]*session, 0, n)
	c.mu.Lock()
	for _, mem := range c.members {
		out = append(out, mem.sess)
	}
	c.mu.Unlock()
	return out
}

// newBenchMCU is an MCU with a fake journal that knows n bridge points (IDs prefix000, …,
// secrets "s-" + ID), and the spec of a conference of them all.
func newBenchMCU(b *testing.B, cfg Config, conf, prefix string, n int) (*MCU, ConferenceSpec, fakeCredentials) {
	b.Helper()
	creds := fakeCredentials{}
	spec := ConferenceSpec{ID: conf, MeetingID: 1}
	for i := range n {
		id := fmt.Sprintf("%s%03d", prefix, i)
		creds[id] = "s-" + id
		spec.Members = append(spec.Members, Member{ID: id})
	}
	m, err := New(cfg, newFakeJournal(), creds, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	return m, spec, creds
}

// benchSource is a synthetic source put on one slot of every receiver.
func benchSource(kind webrtc.RTPCodecType, slot func(*session) *binding, recv []*session) *source {
	mime := mimeOpus
	if kind == webrtc.RTPCodecTypeVideo {
		mime = mimeVP8
	}
	src := &source{m: newMember(Member{ID: "SRC"}, 0, Unmuted), kind: kind, mime: mime, ssrc: 0x5eed,
		out: recv[0].conf.mcu.batches}
	list := make([]*binding, 0, len(recv))
	for _, s := range recv {
		b := slot(s)
		b.assign(src)
		list = append(list, b)
	}
	src.fanout.Store(&list)
	return src
}

// benchConfigs are the network setups compared: a socket per peer (one sendto per packet) and
// the shared port with batched writes (sendmmsg).
func benchConfigs(b *testing.B) []struct {
	name string
	cfg  Config
} {
	l, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	port := l.LocalAddr().(*net.UDPAddr).Port
	l.Close()
	return []struct {
		name string
		cfg  Config
	}{
		{"port=each", Config{Loopback: true, LoopbackOnly: true}},
		{"port=shared", Config{LoopbackOnly: true, UDPPort: port}},
	}
}

// BenchmarkForwardAudio forwards one Opus packet to N receivers through the real Pion send path
// (interceptors, SRTP, UDP); ns/op and allocs/op are per inbound packet. allocs/op counts the
// whole process, the receivers included; the forwarding path itself allocates nothing (check
// with -memprofile and -memprofilerate=1, focus on mcu.(*source).forward).
func BenchmarkForwardAudio(b *testing.B) {
	for _, bc := range benchConfigs(b) {
		for _, n := range []int{1, 8, 32} {
			b.Run(fmt.Sprintf("%s/receivers=%d", bc.name, n), func(b *testing.B) {
				recv := benchReceivers(b, bc.cfg, n)
				src := benchSource(webrtc.RTPCodecTypeAudio, func(s *session) *binding { return s.audio[0] }, recv)
				pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SSRC: src.ssrc}, Payload: make([]byte, 90)}
				b.ReportAllocs()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				cpu0 := threadCPU()
				for b.Loop() {
					pkt.SequenceNumber++
					pkt.Timestamp += 960
					src.forwardAudio(&pkt, time.Now())
				}
				reportPerOut(b, n, threadCPU()-cpu0)
			})
		}
	}
}

// BenchmarkForwardVideo forwards one VP8 packet (1100 bytes) to N receivers.
func BenchmarkForwardVideo(b *testing.B) {
	for _, bc := range benchConfigs(b) {
		for _, n := range []int{1, 8, 32} {
			b.Run(fmt.Sprintf("%s/receivers=%d", bc.name, n), func(b *testing.B) {
				recv := benchReceivers(b, bc.cfg, n)
				src := benchSource(webrtc.RTPCodecTypeVideo, func(s *session) *binding { return s.video[0] }, recv)
				pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 96, SSRC: src.ssrc}, Payload: make([]byte, 1100)}
				b.ReportAllocs()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				cpu0 := threadCPU()
				for i := 0; b.Loop(); i++ {
					pkt.SequenceNumber++
					pkt.Marker = i%4 == 3
					if pkt.Marker {
						pkt.Timestamp += 3000
					}
					src.forward(&pkt, *src.fanout.Load(), time.Now())
				}
				reportPerOut(b, n, threadCPU()-cpu0)
			})
		}
	}
}

// reportPerOut adds the cost per forwarded (outbound) packet: wall time, and the CPU time of the
// forwarding thread alone (the receivers share the machine, so wall time overstates it).
func reportPerOut(b *testing.B, receivers int, cpu time.Duration) {
	if b.N > 0 {
		out := float64(b.N) * float64(receivers)
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/out, "ns/pkt-out")
		b.ReportMetric(float64(cpu.Nanoseconds())/out, "cpu-ns/pkt-out")
	}
}
