package softsip

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// Talk is what a soft room system sends as its microphone.
type Talk int

const (
	Quiet  Talk = iota // a quiet room
	Speech             // testdata's speech, looped
	Probe              // the probe tone with a mark a second (see Config.Probe)
)

// Config describes one soft room system.
type Config struct {
	Server string // the SIP server's host:port (UDP)
	ID     string // the bridge point called, and the digest user
	Secret string // its join secret: the digest password
	Clips  *Clips
	Talk   Talk
	// Probe, when set, records the marks a Probe endpoint sends and those a listening one
	// hears (see Listen).
	Probe *ProbeClock
	// Listen decodes the mix and reports the probe's marks heard to Probe.
	Listen bool
	Log    *slog.Logger // nil = slog.Default()
}

// quietOnce silences sipgo's process-wide logger once.
var quietOnce sync.Once

// Endpoint is one soft SIP room system.
type Endpoint struct {
	cfg Config
	log *slog.Logger

	ua      *sipgo.UserAgent
	srv     *sipgo.Server
	client  *sipgo.Client
	dialogs *sipgo.DialogClientCache
	sigConn net.PacketConn

	mu     sync.Mutex
	dlg    *sipgo.DialogClientSession
	audio  *stream
	video  *stream // nil when the answer refused video or there is no clip
	cancel context.CancelFunc
	wg     sync.WaitGroup

	first  atomic.Int64 // unix nanos of the first packet of the mix
	hungUp atomic.Bool  // the server sent BYE
}

// New makes an endpoint; Dial calls.
func New(cfg Config) *Endpoint {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Endpoint{cfg: cfg, log: cfg.Log.With("bridge_point", cfg.ID)}
}

// ID is the endpoint's bridge point.
func (e *Endpoint) ID() string { return e.cfg.ID }

// FirstPacket is when the first packet of the mix arrived; zero before.
func (e *Endpoint) FirstPacket() time.Time {
	if n := e.first.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// HungUp reports whether the server ended the call.
func (e *Endpoint) HungUp() bool { return e.hungUp.Load() }

// Dial calls the bridge point (answering the digest challenge with the join secret), starts
// the media on the answer and returns once the call is established.
func (e *Endpoint) Dial(ctx context.Context) error {
	if e.cfg.Clips == nil || len(e.cfg.Clips.Speech) == 0 {
		return errors.New("softsip: no clips")
	}
	host, _, err := net.SplitHostPort(e.cfg.Server)
	if err != nil {
		return fmt.Errorf("softsip: server address %q: %w", e.cfg.Server, err)
	}
	local := localIPToward(host)
	if err := e.startSignalling(local); err != nil {
		return err
	}
	audio, err := openStream(local)
	if err != nil {
		return err
	}
	var video *stream
	if len(e.cfg.Clips.Video) > 0 {
		if video, err = openStream(local); err != nil {
			audio.close()
			return err
		}
	}
	offer := buildOffer(local, audio.port(), video)
	var recipient sip.Uri
	if err := sip.ParseUri("sip:"+e.cfg.ID+"@"+e.cfg.Server, &recipient); err != nil {
		audio.close()
		video.close()
		return fmt.Errorf("softsip: request URI: %w", err)
	}
	dlg, err := e.dialogs.Invite(ctx, recipient, offer, sip.NewHeader("Content-Type", "application/sdp"))
	if err == nil {
		err = dlg.WaitAnswer(ctx, sipgo.AnswerOptions{Username: e.cfg.ID, Password: e.cfg.Secret})
	}
	if err == nil {
		err = dlg.Ack(ctx)
	}
	if err != nil {
		audio.close()
		video.close()
		return fmt.Errorf("softsip: %s: call: %w", e.cfg.ID, err)
	}
	ans, err := parseAnswer(dlg.InviteResponse.Body())
	if err != nil {
		_ = dlg.Bye(ctx)
		audio.close()
		video.close()
		return fmt.Errorf("softsip: %s: %w", e.cfg.ID, err)
	}
	audio.remote, audio.pt = ans.audio, ans.audioPT
	if video != nil && ans.video == nil {
		video.close()
		video = nil
	} else if video != nil {
		video.remote, video.pt = ans.video, ans.videoPT
	}
	mctx, cancel := context.WithCancel(context.Background())
	e.mu.Lock()
	e.dlg, e.audio, e.video, e.cancel = dlg, audio, video, cancel
	e.mu.Unlock()
	e.startMedia(mctx)
	return nil
}

// startSignalling makes the endpoint's user agent: it listens on a UDP port of local (to take
// the server's BYE) and sends its requests from there.
func (e *Endpoint) startSignalling(local net.IP) error {
	conn, err := net.ListenPacket("udp", net.JoinHostPort(local.String(), "0"))
	if err != nil {
		return fmt.Errorf("softsip: signalling socket: %w", err)
	}
	port := conn.LocalAddr().(*net.UDPAddr).Port
	quiet := slog.New(slog.DiscardHandler)
	quietOnce.Do(func() { sip.SetDefaultLogger(quiet) }) // sipgo's transport warns through it
	if e.ua, err = sipgo.NewUA(sipgo.WithUserAgent("diemcau-softsip")); err != nil {
		conn.Close()
		return fmt.Errorf("softsip: user agent: %w", err)
	}
	if e.srv, err = sipgo.NewServer(e.ua, sipgo.WithServerLogger(quiet)); err != nil {
		conn.Close()
		return fmt.Errorf("softsip: server: %w", err)
	}
	if e.client, err = sipgo.NewClient(e.ua, sipgo.WithClientLogger(quiet),
		sipgo.WithClientAddr(conn.LocalAddr().String())); err != nil {
		conn.Close()
		return fmt.Errorf("softsip: client: %w", err)
	}
	contact := sip.ContactHeader{Address: sip.Uri{Scheme: "sip", User: e.cfg.ID, Host: local.String(), Port: port}}
	e.dialogs = sipgo.NewDialogClientCache(e.client, contact)
	e.srv.OnBye(func(req *sip.Request, tx sip.ServerTransaction) {
		if err := e.dialogs.ReadBye(req, tx); err != nil {
			_ = tx.Respond(sip.NewResponseFromRequest(req, 481, "Call/Transaction Does Not Exist", nil))
			return
		}
		e.hungUp.Store(true)
	})
	e.sigConn = conn
	e.wg.Go(func() { _ = e.srv.ServeUDP(conn) })
	return nil
}

// Hangup sends BYE (when the call is up) and stops the media and the user agent.
func (e *Endpoint) Hangup(ctx context.Context) error {
	e.mu.Lock()
	dlg, cancel := e.dlg, e.cancel
	e.dlg = nil
	e.mu.Unlock()
	var err error
	if dlg != nil && !e.hungUp.Load() {
		err = dlg.Bye(ctx)
	}
	if cancel != nil {
		cancel()
	}
	e.mu.Lock()
	e.audio.close()
	e.video.close()
	e.mu.Unlock()
	if e.srv != nil {
		e.srv.Close()
		e.client.Close()
		e.ua.Close()
		e.sigConn.Close()
	}
	e.wg.Wait()
	if err != nil {
		return fmt.Errorf("softsip: %s: hang up: %w", e.cfg.ID, err)
	}
	return nil
}

// localIPToward is this machine's address toward host (loopback for a loopback server).
func localIPToward(host string) net.IP {
	ip := net.ParseIP(host)
	if ip == nil || ip.IsLoopback() || ip.IsUnspecified() {
		return net.IPv4(127, 0, 0, 1)
	}
	c, err := net.DialUDP("udp", nil, &net.UDPAddr{IP: ip, Port: 9})
	if err != nil {
		return net.IPv4(127, 0, 0, 1)
	}
	defer c.Close()
	return c.LocalAddr().(*net.UDPAddr).IP
}
