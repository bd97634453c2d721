package mcu

import (
	"encoding/binary"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
)

// rtpTransport is a second kind of transport for the tests, apart from WHIP: plain RTP and RTCP
// over one UDP socket on loopback (RFC 3550, RTCP multiplexed as RFC 5761 does), with no
// signalling, as a SIP call's media would be. It attaches through the exported API only
// (Conference.Attach, Session, Inbound, RTPWriter), as a package outside mcu would.
type rtpTransport struct {
	conn *net.UDPConn
	peer *net.UDPAddr
	sess atomic.Pointer[Session]

	lastAt   atomic.Int64 // unix nanos of the last packet from the terminal
	closed   atomic.Bool
	rtt      atomic.Int64 // nanoseconds, from the terminal's receiver reports
	srMu     sync.Mutex
	srSent   map[uint32]time.Time // compact NTP of each sender report sent → when
	msgs     chan ControlMessage
	closedBy chan string
}

// The SSRCs the transport puts on the slots it receives, and the terminal's own.
const (
	rtpPictureSSRC = 0x51c0_0001
	rtpAudioSSRC   = 0x51c0_0010 // + slot index
	rtpMicSSRC     = 0x7e00_0001
	rtpCamSSRC     = 0x7e00_0002
	rtpLevelExtID  = 1
)

func newRTPTransport(t *testing.T, peer *net.UDPAddr) *rtpTransport {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	tr := &rtpTransport{conn: conn, peer: peer, srSent: map[uint32]time.Time{},
		msgs: make(chan ControlMessage, 256), closedBy: make(chan string, 1)}
	t.Cleanup(func() { _ = conn.Close() })
	return tr
}

// spec is what the terminal sends and receives: Opus with RFC 6464 levels and H.264 in, the
// conference's audio slots and one H.264 picture out.
func (tr *rtpTransport) spec(audioSlots int) SessionSpec {
	spec := SessionSpec{
		Mic:     &InboundSpec{MimeType: "audio/opus", ClockRate: 48000, SSRC: rtpMicSSRC, LevelExtID: rtpLevelExtID},
		Camera:  &InboundSpec{MimeType: "video/H264", ClockRate: 90000, SSRC: rtpCamSSRC},
		Picture: &OutboundSpec{MimeType: "video/H264", PayloadType: 102, SSRC: rtpPictureSSRC, Writer: tr.writer()},
	}
	for i := range audioSlots {
		spec.Audio = append(spec.Audio, OutboundSpec{PayloadType: 111, SSRC: rtpAudioSSRC + uint32(i), Writer: tr.writer()})
	}
	return spec
}

// run reads the terminal's packets: RTP to the session's inbound streams, RTCP to keyframe
// requests and the round-trip time.
func (tr *rtpTransport) run() {
	buf := make([]byte, 1500)
	for {
		n, _, err := tr.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		tr.lastAt.Store(time.Now().UnixNano())
		s := tr.sess.Load()
		if s == nil || n < 12 {
			continue
		}
		if pt := buf[1]; pt >= 192 && pt <= 223 { // RTCP (RFC 5761 §4)
			tr.readRTCP(s, buf[:n])
			continue
		}
		switch binary.BigEndian.Uint32(buf[8:12]) {
		case rtpMicSSRC:
			_ = s.Mic().WriteRTP(buf[:n])
		case rtpCamSSRC:
			_ = s.Camera().WriteRTP(buf[:n])
		}
	}
}

// readRTCP turns the terminal's PLI and FIR about its picture into keyframe requests, its NACKs
// into resends, and its receiver reports into the round-trip time (RFC 3550 §6.4.1).
func (tr *rtpTransport) readRTCP(s *Session, b []byte) {
	pkts, err := rtcp.Unmarshal(b)
	if err != nil {
		return
	}
	for _, p := range pkts {
		switch p := p.(type) {
		case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
			s.RequestPictureKeyframe()
		case *rtcp.TransportLayerNack:
			s.AnswerNack(p)
		case *rtcp.ReceiverReport:
			for _, r := range p.Reports {
				tr.srMu.Lock()
				sent, ok := tr.srSent[r.LastSenderReport]
				tr.srMu.Unlock()
				if ok {
					delay := time.Duration(r.Delay) * time.Second / 65536
					tr.rtt.Store(int64(time.Since(sent) - delay))
				}
			}
		}
	}
}

// writer is an RTPWriter of one slot: each packet goes to the terminal as it is.
func (tr *rtpTransport) writer() RTPWriter { return &rtpSlotWriter{tr: tr} }

type rtpSlotWriter struct {
	tr  *rtpTransport
	mu  sync.Mutex
	pkt rtp.Packet
	buf [1500]byte
}

func (w *rtpSlotWriter) WriteRTP(h *rtp.Header, payload []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pkt.Header, w.pkt.Payload = *h, payload
	n, err := w.pkt.MarshalTo(w.buf[:])
	if err != nil {
		return 0, err
	}
	return w.tr.conn.WriteToUDP(w.buf[:n], w.tr.peer)
}

func (tr *rtpTransport) writeRTCP(pkts ...rtcp.Packet) {
	if b, err := rtcp.Marshal(pkts); err == nil {
		_, _ = tr.conn.WriteToUDP(b, tr.peer)
	}
}

// Kind implements Transport.
func (tr *rtpTransport) Kind() string { return "rtp" }

// Send implements Transport: the terminal has no control channel; the messages are kept for the test.
func (tr *rtpTransport) Send(msg ControlMessage) bool {
	select {
	case tr.msgs <- msg:
	default:
	}
	return true
}

// Flush implements Transport.
func (tr *rtpTransport) Flush(time.Duration) {}

// RequestKeyframe implements Transport: a PLI to the terminal.
func (tr *rtpTransport) RequestKeyframe(ssrc uint32) {
	tr.writeRTCP(&rtcp.PictureLossIndication{SenderSSRC: rtpPictureSSRC, MediaSSRC: ssrc})
}

// Stats implements Transport: a sender report goes out (the terminal's receiver report answers
// it) and the last round-trip time is read.
func (tr *rtpTransport) Stats(now time.Time) TransportStats {
	ntp := ntpTime(now)
	tr.srMu.Lock()
	tr.srSent[uint32(ntp>>16)] = now
	tr.srMu.Unlock()
	tr.writeRTCP(&rtcp.SenderReport{SSRC: rtpPictureSSRC, NTPTime: ntp})
	return TransportStats{RTT: time.Duration(tr.rtt.Load())}
}

// Link implements Transport: alive while the terminal's packets arrive.
func (tr *rtpTransport) Link(now time.Time) Link {
	l := Link{Closed: tr.closed.Load()}
	if n := tr.lastAt.Load(); n != 0 {
		l.LastActivity = time.Unix(0, n)
	}
	l.Failed = l.Closed
	l.Alive = !l.Closed && now.Sub(l.LastActivity) < LinkSilentAfter
	return l
}

// Close implements Transport.
func (tr *rtpTransport) Close(reason string) {
	if tr.closed.CompareAndSwap(false, true) {
		tr.closedBy <- reason
		_ = tr.conn.Close()
	}
}

// ntpTime is t as a 64-bit NTP timestamp.
func ntpTime(t time.Time) uint64 {
	const ntpEpochOffset = 2208988800
	secs := uint64(t.Unix() + ntpEpochOffset)
	frac := uint64(t.Nanosecond()) << 32 / 1e9
	return secs<<32 | frac
}

// rtpTerminal is the far end of an rtpTransport: it sends Opus packets with RFC 6464 levels
// every 20 ms and H.264 (SPS of 1280×720 before each IDR) every 40 ms, answers sender reports,
// and counts what the MCU sends it.
type rtpTerminal struct {
	t    *testing.T
	conn *net.UDPConn
	to   atomic.Pointer[net.UDPAddr]
	stop chan struct{}

	level atomic.Int32 // RFC 6464 level sent

	mu    sync.Mutex
	audio map[uint32]map[uint32]int // slot SSRC → CSRC → packets
	video map[uint32]map[uint32]int // slot SSRC → CSRC → packets
	plis  map[uint32]int            // media SSRC → PLIs received
}

func newRTPTerminal(t *testing.T) *rtpTerminal {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	term := &rtpTerminal{t: t, conn: conn, stop: make(chan struct{}), audio: map[uint32]map[uint32]int{},
		video: map[uint32]map[uint32]int{}, plis: map[uint32]int{}}
	term.level.Store(10)
	t.Cleanup(func() { close(term.stop); _ = conn.Close() })
	go term.read()
	return term
}

func (term *rtpTerminal) addr() *net.UDPAddr { return term.conn.LocalAddr().(*net.UDPAddr) }

// call starts sending to the transport's socket.
func (term *rtpTerminal) call(tr *rtpTransport) {
	term.to.Store(tr.conn.LocalAddr().(*net.UDPAddr))
	go term.send()
}

func (term *rtpTerminal) send() {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	sps := testSPS(66, 80, 45, 0)
	var aseq, vseq uint16
	var ats, vts uint32
	for n := 0; ; n++ {
		select {
		case <-term.stop:
			return
		case <-tick.C:
		}
		pkt := rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 111, SequenceNumber: aseq, Timestamp: ats, SSRC: rtpMicSSRC},
			Payload: []byte{0xfc, 0xff, 0xfe, byte(n)}}
		ext, _ := rtp.AudioLevelExtension{Level: uint8(term.level.Load()), Voice: true}.Marshal()
		_ = pkt.SetExtension(rtpLevelExtID, ext)
		term.write(&pkt)
		aseq++
		ats += 960
		if n%2 == 1 {
			continue
		}
		vts += 3600
		nals := [][]byte{{0x41, 0x9a, 0x00, 0x01}} // non-IDR slice
		if n%50 == 0 {
			nals = [][]byte{sps, {0x68, 0xce, 0x38, 0x80}, {0x65, 0x88, 0x84, 0x00}} // SPS, PPS, IDR
		}
		for i, nal := range nals {
			term.write(&rtp.Packet{Header: rtp.Header{Version: 2, PayloadType: 102, SequenceNumber: vseq,
				Timestamp: vts, SSRC: rtpCamSSRC, Marker: i == len(nals)-1}, Payload: nal})
			vseq++
		}
	}
}

func (term *rtpTerminal) write(pkt *rtp.Packet) {
	if b, err := pkt.Marshal(); err == nil {
		_, _ = term.conn.WriteToUDP(b, term.to.Load())
	}
}

// read counts the slots' packets by their CSRC and PLIs by media SSRC, and answers each sender
// report 20 ms later with a receiver report that says no delay: a round trip of at least 20 ms.
func (term *rtpTerminal) read() {
	buf := make([]byte, 1500)
	for {
		n, from, err := term.conn.ReadFromUDP(buf)
		if err != nil {
			return
		}
		if n < 12 {
			continue
		}
		if pt := buf[1]; pt >= 192 && pt <= 223 {
			pkts, err := rtcp.Unmarshal(buf[:n])
			if err != nil {
				continue
			}
			for _, p := range pkts {
				switch p := p.(type) {
				case *rtcp.PictureLossIndication:
					term.mu.Lock()
					term.plis[p.MediaSSRC]++
					term.mu.Unlock()
				case *rtcp.SenderReport:
					rr := &rtcp.ReceiverReport{SSRC: rtpMicSSRC, Reports: []rtcp.ReceptionReport{{SSRC: p.SSRC,
						LastSenderReport: uint32(p.NTPTime >> 16)}}}
					time.AfterFunc(20*time.Millisecond, func() {
						if b, err := rtcp.Marshal([]rtcp.Packet{rr}); err == nil {
							_, _ = term.conn.WriteToUDP(b, from)
						}
					})
				}
			}
			continue
		}
		var pkt rtp.Packet
		if pkt.Unmarshal(buf[:n]) != nil || len(pkt.CSRC) == 0 {
			continue
		}
		term.mu.Lock()
		byKind := term.video
		if pkt.PayloadType == 111 {
			byKind = term.audio
		}
		if byKind[pkt.SSRC] == nil {
			byKind[pkt.SSRC] = map[uint32]int{}
		}
		byKind[pkt.SSRC][pkt.CSRC[0]]++
		term.mu.Unlock()
	}
}

// heard counts the audio packets of csrc on any of its audio slots.
func (term *rtpTerminal) heard(csrc uint32) int {
	term.mu.Lock()
	defer term.mu.Unlock()
	n := 0
	for _, from := range term.audio {
		n += from[csrc]
	}
	return n
}

// seen counts the video packets of csrc on the slot ssrc.
func (term *rtpTerminal) seen(ssrc, csrc uint32) int {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.video[ssrc][csrc]
}

func (term *rtpTerminal) plisFor(ssrc uint32) int {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.plis[ssrc]
}

// askKeyframe sends the MCU a PLI about the picture it receives.
func (term *rtpTerminal) askKeyframe() {
	b, _ := rtcp.Marshal([]rtcp.Packet{&rtcp.PictureLossIndication{SenderSSRC: rtpMicSSRC, MediaSSRC: rtpPictureSSRC}})
	_, _ = term.conn.WriteToUDP(b, term.to.Load())
}
