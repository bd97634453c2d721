package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"diemcau/endpoints"
	"diemcau/live"
	"diemcau/mcu"
	"diemcau/sip"
	"diemcau/sshd"
	"diemcau/store"
)

// app is the wired process: the store, the registry, the MCU and the HTTP server.
type app struct {
	flags   commonFlags
	log     *slog.Logger
	logFile io.Closer
	st      *store.Store
	reg     *endpoints.Registry
	mcu     *mcu.MCU
	srv     *http.Server
	ln      net.Listener // the --http address, reserved by listen
	sshLn   net.Listener // the --ssh address, reserved by reserveSSH (serve)
	baseURL string
	web     *webSettings                // what serveHTTP reads from files, read before anything is written
	claim   *instanceLock               // this server's claim on the database (serve, console, demo)
	sshSrv  atomic.Pointer[sshd.Server] // the technicians' SSH server once serve has built it, for /metrics
	live    *live.Manager               // the live meetings of this process
	sip     *sip.Server                 // the SIP server on --sip; nil when off (sip_wiring.go)
	dialler *sip.Dialer                 // its calls to room systems (sip_dial_wiring.go)
	// terminalPort is the SIP port room systems are called on (sip.TerminalPort; tests move it).
	terminalPort atomic.Int32
}

// openApp opens the store and starts the MCU. logToFile sends logs to a file so they do not
// disturb a console that owns the terminal.
func openApp(ctx context.Context, cf commonFlags, logToFile bool) (*app, error) {
	a := &app{flags: cf}
	if err := a.openLogAndStore(ctx, logToFile); err != nil {
		a.close()
		return nil, err
	}
	if err := a.startMCU(); err != nil {
		a.close()
		return nil, err
	}
	return a, nil
}

// openLogAndStore opens the log, then the store.
func (a *app) openLogAndStore(ctx context.Context, logToFile bool) error {
	if err := a.openLog(logToFile); err != nil {
		return err
	}
	st, err := openStore(ctx, a.flags)
	if err != nil {
		return err
	}
	a.st = st
	a.reg = endpoints.NewRegistry(st)
	return nil
}

// startMCU starts the MCU, which binds --udp-port.
func (a *app) startMCU() error {
	m, err := mcu.New(mcu.Config{Loopback: true, UDPPort: a.flags.udpPort, Log: a.log,
		RecordingsDir: filepath.Join(filepath.Dir(a.flags.db), "recordings")}, a.st, a.reg, a.log)
	if err != nil {
		return udpError(a.flags.lang, a.flags.udpPort, err)
	}
	a.mcu = m
	a.live = live.New(live.Config{Store: a.st, MCU: m, Lang: a.flags.lang, Log: a.log})
	return nil
}

// openLog chooses where logs go (logsetup.go): a rotated file, the journal, or stderr.
func (a *app) openLog(toFile bool) error {
	path := a.flags.logFile
	if path == "" && toFile {
		path = filepath.Join(filepath.Dir(a.flags.db), "diemcau.log")
	}
	log, closer, err := openLogger(path)
	if err != nil {
		return &localError{text: fmt.Sprintf(msg(a.flags.lang, "logOpen"), path, err), err: err}
	}
	a.log, a.logFile = log, closer
	return nil
}

// serveHTTP mounts the MCU's handlers and starts listening on --http: HTTPS when --tls-cert and
// --tls-key are given.
func (a *app) serveHTTP() error {
	if a.web == nil {
		web, err := a.flags.webSettings()
		if err != nil {
			return err
		}
		a.web = &web
	}
	token, tlsCfg := a.web.token, a.web.tls
	ln, err := a.listen()
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/whip/", a.mcu.Handler())
	mux.Handle("/join/", endpoints.NewJoinPage(a.flags.lang))
	mux.Handle("/api/v1/", noSniff(a.mcu.StatusHandlerWithIncidents(token, a.live)))
	cal, err := a.flags.calendar()
	if err != nil {
		return err
	}
	meetings := a.live.Handler(token, cal)
	mux.Handle("/api/v1/meetings", meetings)
	mux.Handle("/api/v1/meetings/", meetings)
	mux.Handle("GET /metrics", metricsHandler(a))
	a.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
		TLSConfig:         tlsCfg,
	}
	a.baseURL = "http://" + ln.Addr().String()
	serve := func() error { return a.srv.Serve(ln) }
	if tlsCfg != nil {
		a.baseURL = "https://" + ln.Addr().String()
		serve = func() error { return a.srv.ServeTLS(ln, "", "") }
	}
	go func() {
		if err := serve(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("http server stopped", "err", err)
		}
	}()
	return nil
}

// noSniff tells browsers not to guess another type for the API's JSON.
func noSniff(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// webSettings are what the HTTP server reads from files: the API token and the TLS certificate.
type webSettings struct {
	token  string
	tls    *tls.Config
	sipTLS *tls.Config // SIP over TLS's certificate (--sip-tls-cert); nil = no TLS listener
}

// webSettings reads the --api-token-file (or DIEMCAU_API_TOKEN) and the TLS files.
func (cf commonFlags) webSettings() (webSettings, error) {
	token, err := apiToken(cf.apiTokenFile, cf.lang)
	if err != nil {
		return webSettings{}, err
	}
	tlsCfg, err := cf.tlsConfig()
	if err != nil {
		return webSettings{}, err
	}
	sipTLS, err := cf.sipTLSConfig()
	return webSettings{token: token, tls: tlsCfg, sipTLS: sipTLS}, err
}

// apiToken reads the /api/v1 bearer token from the file, else from DIEMCAU_API_TOKEN; "" leaves
// the API disabled.
func apiToken(file, lang string) (string, error) {
	if file == "" {
		return strings.TrimSpace(os.Getenv("DIEMCAU_API_TOKEN")), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fileError(lang, "--api-token-file", file, err)
	}
	token := strings.TrimSpace(string(b))
	if token == "" { // a file given on purpose but empty must not silently turn the API off
		return "", &localError{text: fmt.Sprintf(msg(lang, "tokenFileEmpty"), file)}
	}
	return token, nil
}

// close stops everything in reverse order of opening.
func (a *app) close() {
	if a.srv == nil && a.ln != nil { // reserved, never served
		_ = a.ln.Close()
	}
	if a.sshLn != nil {
		_ = a.sshLn.Close()
	}
	if a.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_ = a.srv.Shutdown(ctx)
		cancel()
	}
	if a.dialler != nil {
		a.dialler.Close() // no redial starts while the calls end
	}
	if a.sip != nil {
		_ = a.sip.Close() // hangs up the room systems before their conferences end
	}
	if a.live != nil {
		a.live.Stop() // journals who was connected, then ends the trackers, which end the open outages
	}
	if a.mcu != nil {
		_ = a.mcu.Close()
	}
	if a.st != nil {
		_ = a.st.Close()
	}
	if a.logFile != nil {
		_ = a.logFile.Close()
	}
	a.claim.release() // last: the next server finds everything written
}
