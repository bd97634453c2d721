package mcu

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
)

// hostilePeer is a real Pion endpoint of bridge point C that sends nothing by itself: the test
// writes its RTP and RTCP by hand.
type hostilePeer struct {
	*testClient
	aseq, vseq uint16
	ats, vts   uint32
}

func (h *harness) hostile() *hostilePeer {
	h.t.Helper()
	c := newTestClient(h.t, h.srv.URL, "C", testSecrets["C"])
	c.quiet = true // no media of its own; what it receives is read and dropped
	if code := c.join(context.Background()); code != http.StatusCreated {
		h.t.Fatalf("join C: status %d", code)
	}
	eventually(h.t, 10*time.Second, func() bool { return h.participant("C").Connected }, "C never connected")
	return &hostilePeer{testClient: c}
}

// audio writes one Opus packet with a loud audio level; ext, when set, replaces the header
// extensions with one RFC 3550 extension of that many bytes.
func (p *hostilePeer) audio(ext int) {
	pkt := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: p.aseq, Timestamp: p.ats},
		Payload: []byte{0xfc, 0xff, 0xfe, 0x01}}
	if ext > 0 {
		hugeExtensions(pkt, ext)
	} else if p.levelID != 0 {
		lvl, _ := rtp.AudioLevelExtension{Level: 10, Voice: true}.Marshal()
		_ = pkt.SetExtension(p.levelID, lvl)
	}
	_ = p.mic.WriteRTP(pkt)
	p.aseq++
	p.ats += 960
}

// hugeExtensions gives pkt about size bytes of two-byte header extensions (RFC 8285 §4.3; SRTP
// with cryptex refuses other profiles, so those never reach the MCU).
func hugeExtensions(pkt *rtp.Packet, size int) {
	pkt.Extension, pkt.ExtensionProfile = true, 0x1000
	for id := 1; size > 0 && id < 256; id++ {
		n := min(size, 255)
		_ = pkt.SetExtension(uint8(id), make([]byte, n))
		size -= n
	}
}

// video writes one VP8 packet (a keyframe header every 25th).
func (p *hostilePeer) video(ext int) {
	payload := []byte{0x10, 0x01, 0x00, 0x00, 0xaa, 0xbb}
	if p.vseq%25 == 0 {
		payload = []byte{0x10, 0x50, 0x2a, 0x00, 0x9d, 0x01, 0x2a, 0x00, 0x05, 0xd0, 0x02, 0x00}
	}
	pkt := &rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 96, SequenceNumber: p.vseq, Timestamp: p.vts, Marker: true},
		Payload: payload}
	if ext > 0 {
		hugeExtensions(pkt, ext)
	}
	_ = p.cam.WriteRTP(pkt)
	p.vseq++
	p.vts += 3600
}

// slotSSRCs are the SSRCs of the MCU's slots towards the peer (what its RTCP feedback names).
func (p *hostilePeer) slotSSRCs() []uint32 {
	var out []uint32
	for _, tr := range p.pc.GetTransceivers() {
		if r := tr.Receiver(); r != nil {
			for _, tk := range r.Tracks() {
				if tk.SSRC() != 0 {
					out = append(out, uint32(tk.SSRC()))
				}
			}
		}
	}
	return out
}

// steady waits until MAIN and B have each received more of the other's media.
func steady(t *testing.T, phase string, main, b *testClient) {
	t.Helper()
	ma, _ := main.counts(b.micSSRC)
	ba, _ := b.counts(main.micSSRC)
	_, bv := b.counts(main.camSSRC)
	eventually(t, 10*time.Second, func() bool {
		ma2, _ := main.counts(b.micSSRC)
		ba2, _ := b.counts(main.micSSRC)
		_, bv2 := b.counts(main.camSSRC)
		return ma2 >= ma+10 && ba2 >= ba+10 && bv2 > bv
	}, "after %s: MAIN and B stopped receiving each other", phase)
}

// freeUDPPort returns a UDP port that was free a moment ago.
func freeUDPPort(t *testing.T) int {
	t.Helper()
	l, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.LocalAddr().(*net.UDPAddr).Port
}

// TestHostilePeer sends, from a real Pion peer, RTP with absurd sequence jumps, RTP with huge
// header extensions, absurd RTCP and garbage RTCP. The MCU stays up, MAIN and B keep receiving
// each other with no gap on their audio slots (the hostile stream is renumbered on each jump),
// the hostile peer's own media keeps flowing once it behaves, a peer flooding RTCP for unknown
// SSRCs is disconnected before it can grow the server, and each case is logged once at most.
// It runs with a socket per peer and with the shared UDP port of production.
func TestHostilePeer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		shared bool
	}{{"own-ports", false}, {"shared-port", true}} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &lockedBuffer{}
			cfg := Config{Loopback: true, Log: slog.New(slog.NewTextHandler(logs, nil))}
			if tc.shared {
				cfg.UDPPort = freeUDPPort(t)
			}
			h := newHarnessConfig(t, cfg, ConferenceSpec{})
			main, b := h.client("MAIN"), h.client("B")
			x := h.hostile()
			steady(t, "C joined", main, b)
			in := func() uint64 { m, _ := h.conf.lookup("C"); return m.packetsIn.Load() }
			gaps := main.gaps() + b.gaps()

			// 1. Absurd sequence jumps (and timestamp jumps) on both of C's streams: forward by
			// 3000 to 32000, beyond RFC 3550's MAX_DROPOUT yet within what SRTP's index estimate
			// (RFC 3711 §3.3.1) takes as forward; longer ones SRTP itself drops as replays.
			before := in()
			for i := range 300 {
				x.aseq += uint16(3000 + rand.IntN(29000))
				x.vseq += uint16(3000 + rand.IntN(29000))
				x.ats += rand.Uint32()
				x.audio(0)
				x.video(0)
				if i%10 == 0 {
					time.Sleep(5 * time.Millisecond)
				}
			}
			eventually(t, 10*time.Second, func() bool { return in() >= before+500 },
				"the MCU received %d of C's 600 packets with jumps", in()-before)
			steady(t, "sequence jumps", main, b)
			if g := main.gaps() + b.gaps(); g != gaps {
				t.Errorf("sequence jumps of C showed as %d gaps on MAIN's and B's audio slots", g-gaps)
			}
			jumpsFwd := h.conf.ForwardedAudio("C")
			t.Logf("sequence jumps: %d packets in, %d audio forwarded", in()-before, jumpsFwd)
			if jumpsFwd == 0 {
				t.Error("no audio of C forwarded: the jumps did not reach the receivers, the test proves nothing")
			}

			// 2. Huge header extensions: 1 KiB (fits a datagram), then 4 and 16 KiB.
			before = in()
			for _, size := range []int{1024, 4096, 16384} {
				for i := range 50 {
					x.audio(size)
					x.video(size)
					if i%5 == 0 {
						time.Sleep(2 * time.Millisecond)
					}
				}
			}
			// Loopback may drop some of a burst under load: most must arrive, not all.
			eventually(t, 10*time.Second, func() bool { return in() >= before+80 },
				"the MCU received %d of C's 100 packets with 1 KiB of header extensions", in()-before)
			t.Logf("huge header extensions: %d of 300 packets reached the MCU", in()-before)
			// C behaves again: its media must still get through.
			before, fwd := in(), h.conf.ForwardedAudio("C")
			for range 100 {
				x.audio(0)
				x.video(0)
				time.Sleep(2 * time.Millisecond)
			}
			eventually(t, 10*time.Second, func() bool { return in() >= before+150 && h.conf.ForwardedAudio("C") > fwd },
				"after huge extensions C's normal media no longer got through (%d packets in)", in()-before)
			steady(t, "huge header extensions", main, b)

			// 3. Absurd RTCP about C's own streams and slots: NACKs for everything, PLI and FIR
			// floods, reports with impossible values, REMB of 0, BYE.
			gaps = main.gaps() + b.gaps()
			slots := x.slotSSRCs()
			if len(slots) == 0 {
				t.Fatal("C knows no slot SSRC")
			}
			for i := range 300 {
				media := slots[i%len(slots)]
				pairs := make([]rtcp.NackPair, 50)
				for k := range pairs {
					pairs[k] = rtcp.NackPair{PacketID: uint16(rand.Uint32()), LostPackets: 0xffff}
				}
				pkts := []rtcp.Packet{
					&rtcp.TransportLayerNack{MediaSSRC: media, Nacks: pairs},
					&rtcp.PictureLossIndication{MediaSSRC: media},
					&rtcp.FullIntraRequest{MediaSSRC: media, FIR: []rtcp.FIREntry{{SSRC: media, SequenceNumber: uint8(i)}}},
					&rtcp.ReceiverReport{SSRC: x.micSSRC, Reports: []rtcp.ReceptionReport{{SSRC: media, FractionLost: 255,
						TotalLost: 1<<24 - 1, LastSequenceNumber: rand.Uint32(), Jitter: rand.Uint32(), LastSenderReport: rand.Uint32(),
						Delay: rand.Uint32()}}},
					&rtcp.SenderReport{SSRC: x.micSSRC, NTPTime: rand.Uint64(), RTPTime: rand.Uint32(), PacketCount: rand.Uint32()},
					&rtcp.ReceiverEstimatedMaximumBitrate{Bitrate: 0, SSRCs: []uint32{media}},
				}
				if i%50 == 49 {
					pkts = append(pkts, &rtcp.Goodbye{Sources: []uint32{x.micSSRC, x.camSSRC}})
				}
				_ = x.pc.WriteRTCP(pkts)
				if i%20 == 0 {
					time.Sleep(5 * time.Millisecond)
				}
			}
			steady(t, "absurd RTCP", main, b)
			if g := main.gaps() + b.gaps(); g != gaps {
				t.Errorf("absurd RTCP from C: %d gaps on MAIN's and B's audio slots", g-gaps)
			}
			before = in()
			for range 50 {
				x.audio(0)
				x.video(0)
				time.Sleep(2 * time.Millisecond)
			}
			eventually(t, 10*time.Second, func() bool { return in() >= before+80 },
				"after absurd RTCP C's media no longer got through")
			for _, id := range []string{"MAIN", "B", "C"} {
				if !h.participant(id).Connected {
					t.Fatalf("%s was disconnected", id)
				}
			}

			// 4. Garbage RTCP: random bytes and PLIs for random SSRCs. Pion keeps a buffer for
			// every SSRC it has no stream for until the PeerConnection closes, so the MCU closes
			// a session that names too many; the memory goes with it.
			heap := measure(t).heap
			for i := range 20000 {
				junk := make([]byte, 8+4*rand.IntN(16))
				for j := range junk {
					junk[j] = byte(rand.Uint32())
				}
				junk[0] = 0x80 | junk[0]&0x1f // version 2, so that it reaches the parser
				junk[1] = byte(192 + rand.IntN(20))
				_ = x.pc.WriteRTCP([]rtcp.Packet{(*rtcp.RawPacket)(&junk)}) // alone: a compound with junk is dropped whole
				_ = x.pc.WriteRTCP([]rtcp.Packet{&rtcp.PictureLossIndication{SenderSSRC: rand.Uint32(), MediaSSRC: rand.Uint32()}})
				if i%200 == 0 {
					time.Sleep(2 * time.Millisecond)
				}
			}
			eventually(t, 10*time.Second, func() bool { return !h.participant("C").Connected },
				"C sent RTCP for 20000 unknown SSRCs and is still connected")
			steady(t, "garbage RTCP", main, b)
			var after uint64
			eventually(t, 10*time.Second, func() bool { after = measure(t).heap; return after < heap+16<<20 },
				"heap grew from %.1f MiB to %.1f MiB after garbage RTCP", mib(heap), mib(after))
			t.Logf("garbage RTCP: heap %.1f MiB before, %.1f MiB after C's session was closed", mib(heap), mib(after))
			if !strings.Contains(logs.String(), "RTCP for too many unknown SSRCs") {
				t.Error("the RTCP flood was not logged")
			}

			// Each case logged once per stream (C's microphone and camera), never once per packet.
			log := logs.String()
			for _, msg := range []string{"RTP sequence number jumped", "RTP header extensions over the limit"} {
				if n := strings.Count(log, msg); n < 1 || n > 2 {
					t.Errorf("%q logged %d times, want once per stream", msg, n)
				}
			}
			if n := strings.Count(log, "RTCP for too many unknown SSRCs"); n != 1 {
				t.Errorf("the RTCP flood logged %d times, want once", n)
			}
			perMsg := map[string]int{}
			for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
				if _, rest, ok := strings.Cut(line, ` msg="`); ok {
					msg, _, _ := strings.Cut(rest, `"`)
					perMsg[msg]++
				}
			}
			for msg, n := range perMsg {
				if n > 3 { // once per stream; "bridge point joined" once per site
					t.Errorf("logged %d times: %q", n, msg)
				}
			}
			t.Logf("MCU log:\n%s", log)
		})
	}
}
