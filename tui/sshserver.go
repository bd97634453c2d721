package tui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	bm "github.com/charmbracelet/wish/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// SSHConfig configures the SSH server that gives each technician a console session.
type SSHConfig struct {
	Addr        string          // listen address, e.g. 127.0.0.1:2222
	HostKeyPath string          // ed25519 host key; created (mode 0600) on first run
	Keys        *AuthorizedKeys // who may log in, and as what
	Console     Options         // the console every session gets; Actor and Renderer are set per session
	Log         *slog.Logger
}

// identityKey holds a session's Identity in its SSH context.
type identityKey struct{}

// NewSSHServer builds the SSH server: public keys from Keys only; password, keyboard-interactive
// and "none" authentication refused; every session its own console program and renderer.
func NewSSHServer(cfg SSHConfig) (*ssh.Server, error) {
	if cfg.Keys == nil {
		return nil, errors.New("ssh server: no authorized keys")
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithHostKeyPath(cfg.HostKeyPath),
		wish.WithPublicKeyAuth(func(ctx ssh.Context, key ssh.PublicKey) bool {
			id, ok := cfg.Keys.Lookup(key)
			if !ok {
				log.Warn("ssh login refused: unknown key", "fingerprint", fingerprint(key), "user", ctx.User(), "addr", ctx.RemoteAddr().String(), "at", time.Now().Format(time.RFC3339))
				return false
			}
			ctx.SetValue(identityKey{}, id)
			return true
		}),
		wish.WithIdleTimeout(30*time.Minute),
		wish.WithMiddleware(
			bm.Middleware(func(sess ssh.Session) (tea.Model, []tea.ProgramOption) {
				return sessionConsole(sess, cfg.Console, log)
			}),
			requireIdentity(log, cfg.Console.Lang),
		),
	)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	// wish writes the host key with mode 0600; make sure of it for a key made by other means.
	if err := os.Chmod(cfg.HostKeyPath, 0o600); err != nil {
		return nil, fmt.Errorf("ssh host key: %w", err)
	}
	return srv, nil
}

// sessionConsole builds one technician's console for an SSH session.
func sessionConsole(sess ssh.Session, base Options, log *slog.Logger) (tea.Model, []tea.ProgramOption) {
	id, _ := sess.Context().Value(identityKey{}).(Identity)
	opts := base
	opts.Actor = "ssh:" + id.Tech
	opts.Renderer = bm.MakeRenderer(sess)
	log.Info("ssh console opened", "tech", id.Tech, "role", id.Role, "addr", sess.RemoteAddr().String())
	m := newModel(sess.Context(), opts)
	go func() {
		<-sess.Context().Done()
		m.Close()
	}()
	return m, []tea.ProgramOption{tea.WithAltScreen()}
}

// requireIdentity ends a session that has no identity, or a role the console cannot yet confine
// to what it may do (it runs before the console).
func requireIdentity(log *slog.Logger, lang string) wish.Middleware {
	return func(next ssh.Handler) ssh.Handler {
		return func(sess ssh.Session) {
			id, ok := sess.Context().Value(identityKey{}).(Identity)
			if !ok {
				log.Error("ssh session without identity refused", "addr", sess.RemoteAddr().String())
				_ = sess.Exit(1)
				return
			}
			if id.Role != RoleControl {
				log.Warn("ssh session refused: role not served yet", "tech", id.Tech, "role", id.Role)
				wish.Fatalln(sess, text(lang, txtSSHRoleNotServed, id.Role))
				return
			}
			next(sess)
		}
	}
}

// fingerprint is the SHA256 fingerprint of a key, as OpenSSH prints it.
func fingerprint(key ssh.PublicKey) string {
	return gossh.FingerprintSHA256(key)
}

// ServeSSH runs srv until ctx ends, then shuts it down.
func ServeSSH(ctx context.Context, srv *ssh.Server) error {
	ln, err := net.Listen("tcp", srv.Addr)
	if err != nil {
		return fmt.Errorf("ssh listen on %s: %w", srv.Addr, err)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		return nil
	case err := <-errc:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return err
	}
}
