package sip

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"

	"diemcau/mcu"
)

// TerminalPort is the SIP port a terminal is called on when its address names none.
const TerminalPort = 5060

// DialError is why a call the server placed did not connect: the terminal's final SIP status
// (Code, 0 when there was none) and its cause as mcu.CallState names it.
type DialError struct {
	Code  int
	Cause string
	Err   error // the underlying error, when any
}

// Error says the cause and the status.
func (e *DialError) Error() string {
	s := "SIP call not connected: " + e.Cause
	if e.Code != 0 {
		s += fmt.Sprintf(" (%d)", e.Code)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap is the underlying error.
func (e *DialError) Unwrap() error { return e.Err }

// causeOf is the cause of a final SIP status.
func causeOf(code int) string {
	switch code {
	case 486, 600:
		return "busy"
	case 480, 408, 487:
		return "no_answer"
	case 404, 410, 484, 604:
		return "not_found"
	case 401, 403, 407, 603:
		return "refused"
	case 415, 488, 606:
		return "codecs"
	case 500, 502, 503, 504:
		return "unavailable"
	}
	return "error"
}

// stateOf is the call state a failure leaves: busy, no answer, or failed.
func stateOf(e *DialError) string {
	switch e.Cause {
	case "busy":
		return mcu.CallBusy
	case "no_answer":
		return mcu.CallNoAnswer
	}
	return mcu.CallFailed
}

// dialClient is the SIP client of dial-outs: it sends from the server's own UDP socket, so a
// terminal sees the calls of the address it calls (and an address-trusting firewall lets them).
type dialClient struct {
	once   sync.Once
	client *sipgo.Client
	err    error
}

// outClient is the server's dial-out client, made on first use.
func (s *Server) outClient() (*sipgo.Client, error) {
	d := &s.dialOut
	d.once.Do(func() {
		d.client, d.err = sipgo.NewClient(s.ua, sipgo.WithClientLogger(slog.New(newQuietHandler(s.log.Handler()))),
			sipgo.WithClientConnectionAddr(s.udp.LocalAddr().String()))
	})
	return d.client, d.err
}

// splitTarget reads a terminal's address: an IP, with a port or TerminalPort.
func splitTarget(target string) (net.IP, int, error) {
	host, port := target, TerminalPort
	if h, p, err := net.SplitHostPort(target); err == nil {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return nil, 0, fmt.Errorf("terminal address %q: bad port", target)
		}
		host, port = h, n
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return nil, 0, fmt.Errorf("terminal address %q is not an IP address", target)
	}
	return ip, port, nil
}

// dial calls bridgePoint's terminal at sip:<bridgePoint>@<target> (target an IP, or IP:port) over UDP with the server's
// offer, waits ringFor for an answer (then CANCELs), ACKs the answer and seats the call in its
// conference as a dial-in is. ringing is told of 180/183; onEnd of the call's end (call.end). A call that does not connect is a
// *DialError; ctx cancelled while calling CANCELs the call.
func (s *Server) dial(ctx context.Context, bridgePoint, target string, ringFor time.Duration, ringing func(),
	onEnd func(reason string, tell bool)) (*call, error) {
	ip, port, err := splitTarget(target)
	if err != nil {
		return nil, &DialError{Cause: "network", Err: err}
	}
	log := s.log.With("bridge_point", bridgePoint, "terminal", target, "direction", "out")
	local := s.localIP(ip)
	m, err := openMedia(local, false)
	if err != nil {
		return nil, &DialError{Cause: "error", Err: err}
	}
	vm, err := openMedia(local, false) // the camera's; no socket, no video
	if err != nil {
		vm = nil
	}
	c, err := s.invite(ctx, bridgePoint, ip, port, local, m, vm, ringFor, ringing)
	if err != nil {
		m.close()
		if vm != nil {
			vm.close()
		}
		log.Info("SIP call to the terminal not connected", "err", err)
		return nil, err
	}
	c.onEnd = onEnd
	if c.seat, err = s.cfg.Rooms.seat(c); err != nil {
		cause := "error"
		if errors.Is(err, ErrNoMeeting) {
			cause = "no_meeting"
		}
		bctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = c.dlg.Bye(bctx)
		cancel()
		m.close()
		if c.video != nil {
			c.video.m.close()
		}
		return nil, &DialError{Cause: cause, Err: err}
	}
	s.mu.Lock()
	s.calls[c.dlg.key()] = c
	s.mu.Unlock()
	c.run()
	c.seat.connected()
	log.Info("SIP call to the terminal connected", "codec", c.offer.codec.name, "srtp", c.m.srtpIn != nil, "video", c.video != nil)
	return c, nil
}

// invite sends the INVITE and waits for the answer; the call it returns is not seated yet.
func (s *Server) invite(ctx context.Context, bridgePoint string, ip net.IP, port int, local net.IP, m, vm *media,
	ringFor time.Duration, ringing func()) (*call, error) {
	client, err := s.outClient()
	if err != nil {
		return nil, &DialError{Cause: "error", Err: err}
	}
	own, err := newSDESKey(offerSuite)
	if err != nil {
		return nil, &DialError{Cause: "error", Err: err}
	}
	var vLocal *net.UDPAddr
	var vOwn *sdesKey
	if vm != nil {
		if vOwn, err = newSDESKey(offerSuite); err != nil {
			return nil, &DialError{Cause: "error", Err: err}
		}
		vLocal = vm.local()
	}
	body, err := buildOffer(m.local(), own, vLocal, vOwn)
	if err != nil {
		return nil, &DialError{Cause: "error", Err: err}
	}
	dua := sipgo.DialogUA{Client: client, ContactHDR: s.contact(local, "udp")}
	req := sip.NewRequest(sip.INVITE, sip.Uri{Scheme: "sip", User: bridgePoint, Host: ip.String(), Port: port})
	from := sip.FromHeader{DisplayName: "diemcau", Address: sip.Uri{Scheme: "sip", User: "diemcau", Host: local.String()},
		Params: sip.NewParams()}
	from.Params.Add("tag", sip.GenerateTagN(16))
	req.AppendHeader(&from)
	req.SetBody(body)
	req.AppendHeader(sip.NewHeader("Content-Type", "application/sdp"))
	dlg, err := dua.WriteInvite(ctx, req)
	if err != nil {
		return nil, &DialError{Cause: "network", Err: err}
	}
	var heard, rang atomic.Bool // any response; a ringing one
	// The wait ends at the ring timeout or when ctx ends (a hang-up, the dialler stopping): with
	// a CANCEL once the terminal has answered anything, at once when it never did (no CANCEL
	// may be sent before a provisional response, and none would be answered).
	ringCtx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	stop := func(why error) {
		if heard.Load() {
			cancel(why)
			return
		}
		cancel(sipgo.WaitAnswerForceCancelErr)
	}
	timer := time.AfterFunc(ringFor, func() { stop(errors.New("no answer")) })
	defer timer.Stop()
	unwatch := context.AfterFunc(ctx, func() { stop(context.Canceled) })
	defer unwatch()
	err = dlg.WaitAnswer(ringCtx, sipgo.AnswerOptions{OnResponse: func(r *sip.Response) error {
		heard.Store(true)
		if (r.StatusCode == 180 || r.StatusCode == 183) && !rang.Swap(true) && ringing != nil {
			ringing()
		}
		return nil
	}})
	if err != nil {
		var resp *sipgo.ErrDialogResponse
		switch {
		case errors.As(err, &resp):
			return nil, &DialError{Code: resp.Res.StatusCode, Cause: causeOf(resp.Res.StatusCode)}
		case ctx.Err() != nil:
			return nil, &DialError{Cause: "cancelled", Err: ctx.Err()}
		case ringCtx.Err() != nil && heard.Load():
			return nil, &DialError{Cause: "no_answer", Err: err}
		case ringCtx.Err() != nil:
			return nil, &DialError{Cause: "timeout", Err: err}
		}
		return nil, &DialError{Cause: "network", Err: err}
	}
	if err := dlg.Ack(ctx); err != nil {
		return nil, &DialError{Cause: "network", Err: err}
	}
	key, c, err := s.answered(dlg, req, bridgePoint, ip, m, own, vm, vOwn)
	if err != nil {
		bctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = dlg.Bye(bctx)
		cancel()
		return nil, &DialError{Cause: "codecs", Err: err}
	}
	c.dlg = clientDialog{DialogClientSession: dlg, id: key}
	c.contact = dua.ContactHDR
	return c, nil
}

// answered reads the terminal's SDP answer and makes the call's media and audio.
func (s *Server) answered(dlg *sipgo.DialogClientSession, req *sip.Request, bridgePoint string, ip net.IP,
	m *media, own *sdesKey, vm *media, vOwn *sdesKey) (string, *call, error) {
	o, err := parseOffer(dlg.InviteResponse.Body())
	if err != nil {
		return "", nil, fmt.Errorf("the terminal's SDP answer: %w", err)
	}
	if err := m.start(o.remote, o.rtcpMux, ip, o.crypto, own); err != nil {
		return "", nil, err
	}
	ourTag, _ := req.From().Params.Get("tag")
	theirTag, _ := dlg.InviteResponse.To().Params.Get("tag")
	key := sip.DialogIDMake(req.CallID().Value(), ourTag, theirTag)
	log := s.log.With("bridge_point", bridgePoint, "source", ip.String(), "transport", "UDP", "direction", "out")
	c := &call{srv: s, bp: bridgePoint, log: log, offer: o, m: m, done: make(chan struct{}),
		counts: mcu.NewInboundMeter(o.codec.clock)}
	if vm != nil && o.video != nil && o.video.pt == offerH264PT {
		if err := vm.start(o.video.remote, o.video.rtcpMux, ip, o.video.crypto, vOwn); err != nil {
			return "", nil, err
		}
		c.video = &videoLink{c: c, pt: o.video.pt, m: vm, camSSRC: rand.Uint32()}
	} else if vm != nil {
		vm.close() // the terminal took no video: it joins with audio
	}
	return key, c, c.wireAudio()
}

// wireAudio makes the call's coders, its downlink mix and its uplink to the conference.
func (c *call) wireAudio() error {
	o := c.offer
	vDown, err := newVoice(o.codec)
	if err != nil {
		return err
	}
	vUp, err := newVoice(o.codec)
	if err != nil {
		return err
	}
	if c.down, err = newDownlink(o.codec, o.pt, vDown, c.m, c.log); err != nil {
		return err
	}
	c.up, err = newUplink(o.codec, vUp, func(seq uint16, ts uint32, level uint8, payload []byte) {
		c.seat.audio(seq, ts, level, payload)
	})
	return err
}
