package sshd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"diemcau/tui"
)

// Config configures the SSH server that gives each technician a console session.
type Config struct {
	Addr        string          // listen address, e.g. 127.0.0.1:2222
	HostKeyPath string          // ed25519 host key; created (mode 0600, its folder untouched) on first run
	Keys        *AuthorizedKeys // who may log in, and as what
	Console     tui.Options     // the console every session gets; Actor, Role, BridgePoint, Renderer and Log are set per session
	Log         *slog.Logger
}

// Server serves technicians' consoles over SSH.
type Server struct {
	srv      *ssh.Server
	log      *slog.Logger
	lang     string
	mu       sync.Mutex
	programs map[*tea.Program]struct{}
	stopping bool
	active   sync.WaitGroup
	refusals *refusalLog // refused logins, logged once per address and window
	refused  atomic.Uint64
}

// identityKey holds a session's Identity in its SSH context.
type identityKey struct{}

// NewServer builds the SSH server: public keys from Keys only; password, keyboard-interactive
// and "none" authentication refused; every session its own console program and renderer.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Keys == nil {
		return nil, errors.New("ssh server: no authorized keys")
	}
	s := &Server{log: cfg.Log, lang: cfg.Console.Lang, programs: map[*tea.Program]struct{}{}}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.refusals = newRefusalLog(s.log)
	if err := ensureHostKey(cfg.HostKeyPath); err != nil {
		return nil, fmt.Errorf("ssh host key %s: %w", cfg.HostKeyPath, err)
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithPublicKeyAuth(s.authenticate(cfg.Keys)),
		wish.WithIdleTimeout(30*time.Minute),
		wish.WithMiddleware(
			bm.MiddlewareWithProgramHandler(func(sess ssh.Session) *tea.Program {
				return s.program(sess, cfg.Console)
			}, termenv.Ascii),
			s.session,
		),
	)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	s.srv = srv
	return s, nil
}

// authenticate admits the keys of the authorized_keys file and logs refusals (once per address
// and window, with a count, so that a storm of attempts cannot flood the log).
func (s *Server) authenticate(keys *AuthorizedKeys) ssh.PublicKeyHandler {
	return func(ctx ssh.Context, key ssh.PublicKey) bool {
		id, ok := keys.Lookup(key)
		if !ok {
			s.refused.Add(1)
			s.refusals.refused(ctx.RemoteAddr().String(), ctx.User(), gossh.FingerprintSHA256(key))
			return false
		}
		ctx.SetValue(identityKey{}, id)
		return true
	}
}

// program builds one technician's console for an SSH session and tracks it for shutdown.
func (s *Server) program(sess ssh.Session, base tui.Options) *tea.Program {
	id, _ := sess.Context().Value(identityKey{}).(Identity)
	opts := base
	opts.Actor = "ssh:" + id.Tech
	opts.Role, opts.BridgePoint, opts.Log = id.Role, id.BridgePoint, s.log
	opts.Renderer = bm.MakeRenderer(sess)
	m := tui.NewContext(sess.Context(), opts)
	// The server's signals are the process's (main.go stops the server on SIGTERM): a session's
	// program must not catch them too, or its signal goroutine blocks the program's shutdown.
	p := tea.NewProgram(m, append(bm.MakeOptions(sess), tea.WithAltScreen(), tea.WithoutSignalHandler())...)
	s.mu.Lock()
	s.programs[p] = struct{}{}
	s.mu.Unlock()
	go func() {
		<-sess.Context().Done()
		m.Close()
		s.mu.Lock()
		delete(s.programs, p)
		s.mu.Unlock()
	}()
	s.log.Info("ssh console opened", "tech", id.Tech, "role", id.Role, "addr", sess.RemoteAddr().String())
	return p
}

// session admits a session whose key has an identity, runs the console confined to its role, and
// tells the technician why it ended when the server stops.
func (s *Server) session(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		id, ok := sess.Context().Value(identityKey{}).(Identity)
		if !ok {
			s.log.Error("ssh session without identity refused", "addr", sess.RemoteAddr().String())
			_ = sess.Exit(1)
			return
		}
		s.mu.Lock()
		if s.stopping {
			s.mu.Unlock()
			wish.Fatalln(sess, stoppingText(s.lang))
			return
		}
		s.active.Add(1)
		s.mu.Unlock()
		defer s.active.Done()
		next(sess)
		s.mu.Lock()
		stopping := s.stopping
		s.mu.Unlock()
		if stopping {
			wish.Println(sess, stoppingText(s.lang))
		}
		s.log.Info("ssh console closed", "tech", id.Tech, "addr", sess.RemoteAddr().String())
	}
}

// Serve accepts sessions on ln until ctx ends; then every console is told why and closed, and the
// server shuts down.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		s.stop()
		return nil
	case err := <-errc:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	}
}

// ListenAndServe listens on the configured address and serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.srv.Addr)
	if err != nil {
		return fmt.Errorf("ssh listen on %s: %w", s.srv.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// stop quits every console, waits a little for them to say goodbye, then closes the server.
func (s *Server) stop() {
	s.mu.Lock()
	s.stopping = true
	for p := range s.programs {
		p.Quit()
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.active.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		_ = s.srv.Close()
	}
	s.refusals.stop()
}
