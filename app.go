package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"diemcau/endpoints"
	"diemcau/mcu"
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
	baseURL string
}

// openApp opens the store and starts the MCU. logToFile sends logs to a file so they do not
// disturb a console that owns the terminal.
func openApp(ctx context.Context, cf commonFlags, logToFile bool) (*app, error) {
	a := &app{flags: cf}
	if err := a.openLog(logToFile); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cf.db)
	if err != nil {
		a.close()
		return nil, err
	}
	a.st = st
	a.reg = endpoints.NewRegistry(st)
	m, err := mcu.New(mcu.Config{Loopback: true, Log: a.log}, st, a.reg, a.log)
	if err != nil {
		a.close()
		return nil, fmt.Errorf("start MCU: %w", err)
	}
	a.mcu = m
	return a, nil
}

// openLog chooses where logs go.
func (a *app) openLog(toFile bool) error {
	path := a.flags.logFile
	if path == "" && toFile {
		path = filepath.Join(filepath.Dir(a.flags.db), "diemcau.log")
	}
	if path == "" {
		a.log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open log file: %w", err)
	}
	a.logFile = f
	a.log = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return nil
}

// serveHTTP mounts the MCU's handlers and starts listening on --http.
func (a *app) serveHTTP() error {
	ln, err := net.Listen("tcp", a.flags.http)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", a.flags.http, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/whip/", a.mcu.Handler())
	mux.Handle("GET /metrics", promhttp.Handler())
	a.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
	}
	a.baseURL = "http://" + ln.Addr().String()
	go func() {
		if err := a.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("http server stopped", "err", err)
		}
	}()
	return nil
}

// close stops everything in reverse order of opening.
func (a *app) close() {
	if a.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		_ = a.srv.Shutdown(ctx)
		cancel()
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
}
