package sip

import (
	"context"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emiago/sipgo/sip"
	"github.com/pion/rtcp"
	"github.com/pion/rtp"

	"diemcau/mcu"
)

// mediaTimeout is how long a call may go without one packet from the terminal (RTP or RTCP)
// before the server hangs up: the terminal is gone without a BYE.
const mediaTimeout = 30 * time.Second

// reportEvery is the interval of the server's RTCP sender reports.
const reportEvery = 5 * time.Second

// seat is a call's place in a conference: what the call gives it. attach.go's is the MCU's.
type seat interface {
	// audio gives the terminal's microphone: one 20 ms Opus frame (or an Opus packet as the
	// terminal sent it) with its RFC 6464 level; seq and ts are the call's own numbering.
	audio(seq uint16, ts uint32, level uint8, payload []byte)
	// hand raises (true) or lowers the site's hand.
	hand(raise bool)
	// help flags a request for help from the site.
	help()
	// video gives one RTP packet of the terminal's camera (H.264), its SSRC the conference's.
	video(packet []byte)
	// pictureLost says the terminal lost its picture (PLI or FIR): a keyframe is asked for.
	pictureLost()
	// nack asks the packets of the picture the terminal missed again.
	nack(n *rtcp.TransportLayerNack)
	// connected says the terminal acknowledged the answer: the member's link is up.
	connected()
	// leave ends the member's session: the call ended on the SIP side ("left" when the
	// terminal hung up, "timeout" when its media stopped).
	leave(reason string)
}

// call is one admitted SIP call of a bridge point.
type call struct {
	srv     *Server
	bp      string
	log     *slog.Logger
	dlg     dialog // dialog.go: the server's side of a dial-in, the client's of a dial-out
	offer   *offer
	answer  []byte
	contact sip.ContactHeader // the server's Contact in this dialog
	m       *media
	video   *videoLink // nil without video
	down    *downlink
	up      *uplink
	keys    keypad
	seat    seat
	onEnd   func(reason string, tell bool) // the dialler's (redial.go); nil for a dial-in

	done    chan struct{}
	ended   atomic.Bool // end ran (not a sync.Once: leave may call back into end through the MCU)
	started time.Time

	statsMu sync.Mutex
	counts  *mcu.InboundMeter // the terminal's own audio stream (what the MCU gets is renumbered)
	rtt     time.Duration
	lastSR  uint32 // middle 32 bits of the NTP time of our last SR, for RTT from a report block
	srAt    time.Time
}

// run starts the call's goroutines: readers, mixer, reports and the liveness watch.
func (c *call) run() {
	c.started = time.Now()
	go c.read(c.m.rtp, false)
	if c.m.rtcp != nil {
		go c.read(c.m.rtcp, true)
	}
	if v := c.video; v != nil {
		go v.read(v.m.rtp, false)
		if v.m.rtcp != nil {
			go v.read(v.m.rtcp, true)
		}
	}
	go c.down.run(c.done)
	go c.watch()
}

// read reads one media socket until the call ends.
func (c *call) read(conn *net.UDPConn, rtcpPort bool) {
	var pkt rtp.Packet
	c.m.serve(conn, rtcpPort, c.readRTCP, func(raw []byte) {
		c.readRTP(&pkt, raw)
	})
}

// readRTP takes one RTP packet of the terminal's audio stream: its voice or a keypad event.
func (c *call) readRTP(pkt *rtp.Packet, raw []byte) {
	if pkt.Unmarshal(raw) != nil {
		return
	}
	now := time.Now()
	c.m.heard.Store(now.UnixNano())
	switch {
	case pkt.PayloadType == c.offer.pt:
		c.counts.Observe(pkt.SequenceNumber, pkt.Timestamp, now)
		c.up.packet(pkt.Payload)
	case c.offer.dtmfPT >= 0 && int(pkt.PayloadType) == c.offer.dtmfPT:
		if key := c.keys.event(pkt.Timestamp, pkt.Payload); key != 0 {
			c.key(key, now)
		}
	}
}

// key acts on one key of the terminal's keypad (RFC 4733 or SIP INFO).
func (c *call) key(key byte, now time.Time) {
	switch c.keys.press(key, now) {
	case codeRaise:
		c.log.Info("SIP keypad: raise hand", "code", codeRaise)
		c.seat.hand(true)
	case codeLower:
		c.log.Info("SIP keypad: lower hand", "code", codeLower)
		c.seat.hand(false)
	case codeHelp:
		c.log.Info("SIP keypad: help requested", "code", codeHelp)
		c.seat.help()
	}
}

// readRTCP takes the terminal's reports: liveness, and the round-trip time from a report block.
func (c *call) readRTCP(raw []byte) {
	pkts, err := c.m.rtcpPackets(raw)
	if err != nil {
		return
	}
	now := time.Now()
	c.m.heard.Store(now.UnixNano())
	for _, p := range pkts {
		var blocks []rtcp.ReceptionReport
		switch r := p.(type) {
		case *rtcp.ReceiverReport:
			blocks = r.Reports
		case *rtcp.SenderReport:
			blocks = r.Reports
		}
		for _, b := range blocks {
			c.noteRTT(b, now)
		}
	}
}

// noteRTT computes the round-trip time from a report block about our stream (RFC 3550 6.4.1).
func (c *call) noteRTT(b rtcp.ReceptionReport, now time.Time) {
	c.statsMu.Lock()
	defer c.statsMu.Unlock()
	if b.SSRC != c.m.ssrc || b.LastSenderReport == 0 || b.LastSenderReport != c.lastSR {
		return
	}
	rtt := now.Sub(c.srAt) - time.Duration(b.Delay)*time.Second/65536
	if rtt >= 0 {
		c.rtt = rtt
	}
}

// watch sends sender reports and hangs up when the terminal has gone silent.
func (c *call) watch() {
	t := time.NewTicker(reportEvery)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case now := <-t.C:
			if now.Sub(time.Unix(0, c.m.heard.Load())) > mediaTimeout {
				c.log.Warn("SIP call: no media from the terminal; hanging up", "silent_for", mediaTimeout)
				c.end("timeout", true, true)
				return
			}
			c.report(now)
		}
	}
}

// report sends an RTCP sender report of the server's stream.
func (c *call) report(now time.Time) {
	ntp := toNTP(now)
	c.statsMu.Lock()
	c.lastSR, c.srAt = uint32(ntp>>16), now
	c.statsMu.Unlock()
	elapsed := now.Sub(c.started)
	sr := &rtcp.SenderReport{SSRC: c.m.ssrc, NTPTime: ntp,
		RTPTime:     uint32(elapsed.Seconds() * float64(c.offer.codec.clock)),
		PacketCount: c.m.sentPkts.Load(), OctetCount: c.m.sentBytes.Load()}
	_ = c.m.sendRTCP(sr, &rtcp.SourceDescription{Chunks: []rtcp.SourceDescriptionChunk{{Source: c.m.ssrc,
		Items: []rtcp.SourceDescriptionItem{{Type: rtcp.SDESCNAME, Text: "diemcau"}}}}})
}

// toNTP is t as a 64-bit NTP timestamp.
func toNTP(t time.Time) uint64 {
	const ntpEpoch = 2208988800
	sec := uint64(t.Unix()) + ntpEpoch
	frac := uint64(t.Nanosecond()) << 32 / 1e9
	return sec<<32 | frac
}

// end ends the call once: the media stop, the conference is told when tell (the end came from
// the SIP side), and the terminal gets a BYE when bye (the end came from the server). The media
// sockets close after the BYE, so the terminal hears of the end by it, not by a refused packet.
func (c *call) end(reason string, tell, bye bool) {
	if !c.ended.CompareAndSwap(false, true) {
		return
	}
	close(c.done)
	c.srv.forget(c)
	c.log.Info("SIP call ended", "reason", reason, "lasted", time.Since(c.started).Round(time.Second))
	if c.onEnd != nil { // a dial-out: the terminal's BYE is a drop (an outage); our hang-up is a leave
		reason = dialOutReason(reason)
		defer c.onEnd(reason, tell)
	}
	if tell {
		c.seat.leave(reason)
	}
	closeMedia := func() {
		c.m.close()
		if c.video != nil {
			c.video.m.close()
		}
	}
	if !bye {
		closeMedia()
		return
	}
	c.srv.byes.Add(1)
	go func() {
		defer c.srv.byes.Done()
		defer closeMedia()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := c.dlg.Bye(ctx); err != nil {
			c.log.Warn("SIP call: the BYE to the terminal failed", "err", err)
		}
	}()
}
