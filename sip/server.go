package sip

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"

	"diemcau/mcu"
)

// CredentialFunc returns what admits bridgePoint's terminal; known is false for an id the
// registry does not have.
type CredentialFunc func(ctx context.Context, bridgePoint string) (cred Credential, known bool, err error)

// Config is what a Server runs on.
type Config struct {
	// Addr is host:port for SIP over UDP and TCP (port 0: one chosen free port for both).
	Addr string
	// TLSAddr is host:port for SIP over TLS, served when TLS is set (port 0: a free port).
	TLSAddr string
	// TLS is the server's certificate for SIP over TLS; nil = no TLS listener.
	TLS *tls.Config
	// RTPPorts is the UDP range calls take their RTP/RTCP pairs from; the zero value = ephemeral ports.
	RTPPorts PortRange
	// Credentials admits terminals.
	Credentials CredentialFunc
	// Rooms seats admitted calls in their site's live conference.
	Rooms Rooms
	Log   *slog.Logger // nil = slog.Default()
}

// Server is the in-process SIP server: it admits terminals' calls and seats them in conferences.
type Server struct {
	cfg    Config
	log    *slog.Logger
	ua     *sipgo.UserAgent
	srv    *sipgo.Server
	dialog sipgo.DialogUA
	nonces *nonces
	guard  *guard
	udp    net.PacketConn
	tcp    net.Listener
	tls    net.Listener // nil without TLS
	ports  *portPool
	host   net.IP // the listening IP (unspecified: each call answers on the route to its terminal)
	port   int

	mu    sync.Mutex
	calls map[string]*call // by dialog id
	wg    sync.WaitGroup
	byes  sync.WaitGroup // BYEs on their way

	dialOut dialClient // dial.go
}

// ErrTLSListen marks a failure to bind Config.TLSAddr (the UDP/TCP address was free).
var ErrTLSListen = errors.New("SIP over TLS listener")

// bridgePointID is the form of a bridge point id in a Request-URI.
var bridgePointID = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

// Listen binds cfg.Addr on UDP and TCP (the same port) and serves SIP until Close.
func Listen(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Credentials == nil || cfg.Rooms == nil {
		return nil, errors.New("SIP server: no credentials or rooms")
	}
	udp, tcp, err := listenBoth(cfg.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Log, guard: newGuard(), udp: udp, tcp: tcp, calls: map[string]*call{},
		ports: newPortPool(cfg.RTPPorts)}
	if cfg.TLS != nil {
		if s.tls, err = tls.Listen("tcp", cfg.TLSAddr, cfg.TLS); err != nil {
			s.closeListeners()
			return nil, fmt.Errorf("SIP over TLS on %s: %w", cfg.TLSAddr, errors.Join(ErrTLSListen, err))
		}
	}
	laddr := udp.LocalAddr().(*net.UDPAddr)
	s.host, s.port = laddr.IP, laddr.Port
	if s.nonces, err = newNonces(); err != nil {
		s.closeListeners()
		return nil, err
	}
	sip.SetDefaultLogger(slog.New(newQuietHandler(cfg.Log.Handler())))
	if s.ua, err = sipgo.NewUA(sipgo.WithUserAgent("diemcau")); err != nil {
		s.closeListeners()
		return nil, fmt.Errorf("SIP user agent: %w", err)
	}
	quiet := slog.New(newQuietHandler(cfg.Log.Handler()))
	if s.srv, err = sipgo.NewServer(s.ua, sipgo.WithServerLogger(quiet)); err != nil {
		s.closeListeners()
		return nil, fmt.Errorf("SIP server: %w", err)
	}
	client, err := sipgo.NewClient(s.ua, sipgo.WithClientLogger(quiet))
	if err != nil {
		s.closeListeners()
		return nil, fmt.Errorf("SIP client: %w", err)
	}
	s.dialog = sipgo.DialogUA{Client: client, ContactHDR: s.contact(s.host, "udp")}
	s.srv.OnInvite(s.onInvite)
	s.srv.OnAck(s.onAck)
	s.srv.OnBye(s.onBye)
	s.srv.OnInfo(s.onInfo)
	s.srv.OnOptions(s.onOptions)
	s.srv.OnNoRoute(s.onOther)
	s.wg.Add(2)
	go func() { defer s.wg.Done(); _ = s.srv.ServeUDP(udp) }()
	go func() { defer s.wg.Done(); _ = s.srv.ServeTCP(tcp) }()
	if s.tls != nil {
		s.wg.Add(1)
		go func() { defer s.wg.Done(); _ = s.srv.ServeTLS(s.tls) }()
		s.log.Info("SIP server listening over TLS", "tls", s.tls.Addr().String())
	}
	s.log.Info("SIP server listening", "udp", udp.LocalAddr().String(), "tcp", tcp.Addr().String())
	return s, nil
}

// listenBoth binds UDP then TCP on the same port (with port 0, retrying until both are free).
func listenBoth(addr string) (net.PacketConn, net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, nil, fmt.Errorf("SIP address %q: %w", addr, err)
	}
	var lastErr error
	for range 20 {
		udp, err := net.ListenPacket("udp", net.JoinHostPort(host, port))
		if err != nil {
			return nil, nil, fmt.Errorf("SIP over UDP on %s: %w", addr, err)
		}
		p := udp.LocalAddr().(*net.UDPAddr).Port
		tcp, err := net.Listen("tcp", net.JoinHostPort(host, fmt.Sprint(p)))
		if err == nil {
			return udp, tcp, nil
		}
		udp.Close()
		lastErr = err
		if port != "0" {
			break
		}
	}
	return nil, nil, fmt.Errorf("SIP over TCP on %s: %w", addr, lastErr)
}

// Addr is the address SIP is served on (UDP and TCP).
func (s *Server) Addr() string { return net.JoinHostPort(s.host.String(), fmt.Sprint(s.port)) }

// TLSAddr is the address SIP over TLS is served on; "" without TLS.
func (s *Server) TLSAddr() string {
	if s.tls == nil {
		return ""
	}
	return s.tls.Addr().String()
}

func (s *Server) closeListeners() {
	s.udp.Close()
	s.tcp.Close()
	if s.tls != nil {
		s.tls.Close()
	}
}

// Close hangs up every call and stops serving.
func (s *Server) Close() error {
	s.mu.Lock()
	calls := make([]*call, 0, len(s.calls))
	for _, c := range s.calls {
		calls = append(calls, c)
	}
	s.mu.Unlock()
	for _, c := range calls {
		c.end("server stopping", true, true)
	}
	s.byes.Wait() // each at most its timeout
	s.closeListeners()
	err := s.srv.Close()
	s.ua.Close()
	s.wg.Wait()
	return err
}

// contact is the server's Contact for a dialog answered on ip.
func (s *Server) contact(ip net.IP, transport string) sip.ContactHeader {
	u := sip.Uri{Scheme: "sip", User: "diemcau", Host: ip.String(), Port: s.port}
	if transport == "tls" && s.tls != nil {
		u.Port = s.tls.Addr().(*net.TCPAddr).Port
	}
	if transport == "tcp" || transport == "tls" {
		u.UriParams = sip.NewParams()
		u.UriParams.Add("transport", transport)
	}
	return sip.ContactHeader{Address: u}
}

// localIP is the server's address toward remote: the listening IP, or when that is unspecified
// the one the kernel routes from.
func (s *Server) localIP(remote net.IP) net.IP {
	if !s.host.IsUnspecified() {
		return s.host
	}
	c, err := net.DialUDP("udp", nil, &net.UDPAddr{IP: remote, Port: 9})
	if err != nil {
		return net.IPv4(127, 0, 0, 1)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).IP
}

// sourceIP is the IP a request came from.
func sourceIP(req *sip.Request) net.IP {
	host, _, err := net.SplitHostPort(req.Source())
	if err != nil {
		host = req.Source()
	}
	return net.ParseIP(host)
}

// admitted checks a request against the flood guard; false means drop it unanswered.
func (s *Server) admitted(req *sip.Request) (net.IP, bool) {
	ip := sourceIP(req)
	if ip == nil {
		return nil, false
	}
	ok, first := s.guard.admit(ip.String(), time.Now())
	if first {
		s.log.Warn("SIP requests from this address dropped until the minute ends (too many, or too many refused)",
			"source", ip.String())
	}
	return ip, ok
}

// respond answers req statelessly within its transaction.
func respond(req *sip.Request, tx sip.ServerTransaction, code int, reason string, headers ...sip.Header) {
	res := sip.NewResponseFromRequest(req, code, reason, nil)
	for _, h := range headers {
		res.AppendHeader(h)
	}
	_ = tx.Respond(res)
}

// refuse answers a refused INVITE and logs the refusal once per source and minute.
func (s *Server) refuse(req *sip.Request, tx sip.ServerTransaction, ip net.IP, code int, reason, why string) {
	respond(req, tx, code, reason)
	if s.guard.refused(ip.String(), time.Now()) {
		s.log.Warn("SIP call refused; further refusals of this address in this minute not logged",
			"source", ip.String(), "to", req.Recipient.User, "status", code, "why", why)
	}
}

func (s *Server) onInvite(req *sip.Request, tx sip.ServerTransaction) {
	ip, ok := s.admitted(req)
	if !ok {
		return
	}
	if to := req.To(); to != nil {
		if tag, _ := to.Params.Get("tag"); tag != "" {
			s.reinvite(req, tx)
			return
		}
	}
	id := req.Recipient.User
	if !bridgePointID.MatchString(id) {
		s.refuse(req, tx, ip, 404, "Not Found", "the Request-URI names no bridge point")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cred, known, err := s.cfg.Credentials(ctx, id)
	if err == nil && !known {
		if cred, known, err = s.cfg.Credentials(ctx, strings.ToUpper(id)); known {
			id = strings.ToUpper(id)
		}
	}
	if err != nil {
		s.log.Error("SIP call: reading the credential failed", "bridge_point", id, "err", err)
		respond(req, tx, 500, "Server Internal Error")
		return
	}
	trusted := known && cred.TrustedIP != "" && net.ParseIP(cred.TrustedIP).Equal(ip)
	if !trusted {
		auth := ""
		if h := req.GetHeader("Authorization"); h != nil {
			auth = h.Value()
		}
		switch s.nonces.verifyDigest(auth, "INVITE", id, cred.HA1, ip.String(), time.Now()) {
		case noCredentials:
			respond(req, tx, 401, "Unauthorized", sip.NewHeader("WWW-Authenticate", s.nonces.challenge(ip.String(), time.Now(), false)))
			return
		case staleNonce:
			respond(req, tx, 401, "Unauthorized", sip.NewHeader("WWW-Authenticate", s.nonces.challenge(ip.String(), time.Now(), true)))
			return
		case badCredentials:
			why := "wrong credential"
			if !known {
				why = "unknown bridge point"
			} else if cred.HA1 == "" {
				why = "no SIP credential: rotate the bridge point's join secret"
			}
			s.refuse(req, tx, ip, 403, "Forbidden", why)
			return
		}
	}
	s.answer(req, tx, id, ip)
}

// answer seats an admitted call: negotiate, open media, join the conference, answer 200.
func (s *Server) answer(req *sip.Request, tx sip.ServerTransaction, id string, ip net.IP) {
	log := s.log.With("bridge_point", id, "source", ip.String(), "transport", req.Transport())
	o, err := parseOffer(req.Body())
	if err != nil {
		s.refuse(req, tx, ip, 488, "Not Acceptable Here", err.Error())
		return
	}
	dlg, err := s.dialog.ReadInvite(req, tx)
	if err != nil {
		respond(req, tx, 400, "Bad Request")
		return
	}
	reuseConnection(dlg.InviteRequest)
	_ = dlg.Respond(100, "Trying", nil)
	local := s.localIP(ip)
	m, err := s.ports.open(local, o.rtcpMux)
	if err != nil {
		if s.ports.refused(err) {
			log.Warn("SIP calls refused (503): no free RTP/RTCP port pair in --sip-rtp-ports; not logged again until a pair frees",
				"range", s.cfg.RTPPorts.String())
		} else if !errors.Is(err, errNoPorts) {
			log.Error("SIP call: no media socket", "err", err)
		}
		_ = dlg.Respond(503, "Service Unavailable", nil)
		return
	}
	var own *sdesKey
	if o.crypto != nil {
		if own, err = newSDESKey(o.crypto.suite); err != nil {
			m.close()
			_ = dlg.Respond(500, "Server Internal Error", nil)
			return
		}
	}
	vm, vOwn := s.openVideo(o, local)
	c, err := s.newCall(id, log, dlg, o, m, ip, own, vm, vOwn)
	if err != nil {
		m.close()
		if vm != nil {
			vm.close()
		}
		log.Error("SIP call: setting up the media failed", "err", err)
		_ = dlg.Respond(500, "Server Internal Error", nil)
		return
	}
	if c.seat, err = s.cfg.Rooms.seat(c); err != nil {
		m.close()
		if vm != nil {
			vm.close()
		}
		if errors.Is(err, ErrNoMeeting) {
			log.Info("SIP call refused: the site is in no live meeting")
			_ = dlg.Respond(480, "Temporarily Unavailable", nil)
			return
		}
		log.Error("SIP call: joining the conference failed", "err", err)
		_ = dlg.Respond(500, "Server Internal Error", nil)
		return
	}
	c.contact = s.contact(local, strings.ToLower(req.Transport()))
	s.mu.Lock()
	s.calls[dlg.ID] = c
	s.mu.Unlock()
	c.run()
	log.Info("SIP call admitted", "codec", o.codec.name, "srtp", own != nil, "dtmf", o.dtmfPT >= 0, "video", c.video != nil)
	res := sip.NewSDPResponseFromRequest(dlg.InviteRequest, c.answer)
	res.AppendHeader(&c.contact)
	if err := dlg.WriteResponse(res); err != nil {
		log.Warn("SIP call: the terminal did not acknowledge the answer", "err", err)
		c.end("timeout", true, true)
		return
	}
	c.seat.connected()
}

// openVideo opens the media of the offer's H.264 stream and the server's SRTP key for it; when
// there is none or its socket cannot open, the video is refused (nil).
func (s *Server) openVideo(o *offer, local net.IP) (*media, *sdesKey) {
	if o.video == nil {
		return nil, nil
	}
	vm, err := s.ports.open(local, o.video.rtcpMux)
	if err != nil {
		o.video = nil
		return nil, nil
	}
	var own *sdesKey
	if o.video.crypto != nil {
		if own, err = newSDESKey(o.video.crypto.suite); err != nil {
			vm.close()
			o.video = nil
			return nil, nil
		}
	}
	return vm, own
}

// newCall makes the call's codec, mixer and answer.
func (s *Server) newCall(id string, log *slog.Logger, dlg *sipgo.DialogServerSession, o *offer, m *media, ip net.IP,
	own *sdesKey, vm *media, vOwn *sdesKey) (*call, error) {
	if err := m.start(o.remote, o.rtcpMux, ip, o.crypto, own); err != nil {
		return nil, err
	}
	var vLocal *net.UDPAddr
	if vm != nil {
		if err := vm.start(o.video.remote, o.video.rtcpMux, ip, o.video.crypto, vOwn); err != nil {
			return nil, err
		}
		vLocal = vm.local()
	}
	answer, err := o.answer(m.local(), own, vLocal)
	if err != nil {
		return nil, fmt.Errorf("SDP answer: %w", err)
	}
	c := &call{srv: s, bp: id, log: log, dlg: serverDialog{dlg}, offer: o, answer: answer, m: m, done: make(chan struct{}),
		counts: mcu.NewInboundMeter(o.codec.clock)}
	if vm != nil {
		c.video = &videoLink{c: c, pt: o.video.pt, m: vm, camSSRC: rand.Uint32()}
	}
	return c, c.wireAudio()
}

// reinvite answers an INVITE within a call (a session refresh or hold) with the call's answer.
func (s *Server) reinvite(req *sip.Request, tx sip.ServerTransaction) {
	c := s.lookup(req)
	if c == nil {
		respond(req, tx, 481, "Call/Transaction Does Not Exist")
		return
	}
	res := sip.NewSDPResponseFromRequest(req, c.answer)
	contact := c.contact
	res.AppendHeader(&contact)
	_ = tx.Respond(res)
}

// lookup finds the call of an in-dialog request.
func (s *Server) lookup(req *sip.Request) *call {
	id, err := sip.DialogIDFromRequestUAS(req)
	if err != nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[id]
}

// forget drops an ended call.
func (s *Server) forget(c *call) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls[c.dlg.key()] == c {
		delete(s.calls, c.dlg.key())
	}
}

func (s *Server) onAck(req *sip.Request, tx sip.ServerTransaction) {
	if _, ok := s.admitted(req); !ok {
		return
	}
	if c := s.lookup(req); c != nil {
		_ = c.dlg.ReadAck(req, tx)
	}
}

// inDialog finds the call of an in-dialog request that passed the guard; unknown ones are
// answered 481, dropped ones not at all.
func (s *Server) inDialog(req *sip.Request, tx sip.ServerTransaction) *call {
	if _, ok := s.admitted(req); !ok {
		return nil
	}
	c := s.lookup(req)
	if c == nil {
		respond(req, tx, 481, "Call/Transaction Does Not Exist")
	}
	return c
}

func (s *Server) onBye(req *sip.Request, tx sip.ServerTransaction) {
	c := s.inDialog(req, tx)
	if c == nil {
		return
	}
	if err := c.dlg.ReadBye(req, tx); err != nil {
		respond(req, tx, 200, "OK")
	}
	c.end("left", true, false)
}

// onInfo takes keypad keys sent as SIP INFO (application/dtmf-relay, application/dtmf).
func (s *Server) onInfo(req *sip.Request, tx sip.ServerTransaction) {
	c := s.inDialog(req, tx)
	if c == nil {
		return
	}
	respond(req, tx, 200, "OK")
	if key := infoKey(req.Body()); key != 0 {
		c.key(key, time.Now())
	}
}

// infoKey reads the key of a SIP INFO body: "Signal=5" (dtmf-relay) or "5" (dtmf).
func infoKey(body []byte) byte {
	for line := range strings.SplitSeq(string(body), "\n") {
		line = strings.TrimSpace(line)
		if v, ok := strings.CutPrefix(strings.ToLower(line), "signal="); ok {
			line = strings.TrimSpace(v)
		} else if strings.Contains(line, "=") {
			continue
		}
		if len(line) == 1 && strings.ContainsRune(eventKeys, rune(line[0])) {
			return line[0]
		}
	}
	return 0
}

func (s *Server) onOptions(req *sip.Request, tx sip.ServerTransaction) {
	if _, ok := s.admitted(req); !ok {
		return
	}
	respond(req, tx, 200, "OK", sip.NewHeader("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO"))
}

func (s *Server) onOther(req *sip.Request, tx sip.ServerTransaction) {
	if _, ok := s.admitted(req); !ok {
		return
	}
	respond(req, tx, 405, "Method Not Allowed", sip.NewHeader("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO"))
}
