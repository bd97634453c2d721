package bench

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"path/filepath"
	"strings"
	"time"

	"diemcau/endpoints"
	"diemcau/mcu"
	"diemcau/store"
)

// ServeMCU is the MCU child of `diemcau bench` (the hidden `bench-mcu` command): it opens a
// temporary store with n bench bridge points, opens their conference, and with sipSites > 0
// serves SIP on a free loopback port for the last sipSites of them; it writes its Ready line
// to stdout and serves until stdin closes or ctx ends.
func ServeMCU(ctx context.Context, n, sipSites int, stdin io.Reader, stdout io.Writer) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	dir, err := os.MkdirTemp("", "diemcau-bench-*")
	if err != nil {
		return fmt.Errorf("bench-mcu: temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "bench.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	reg := endpoints.NewRegistry(st)
	if _, err := reg.Import(ctx, strings.NewReader(RegistryCSV(n)), "vi"); err != nil {
		return fmt.Errorf("bench-mcu: registry: %w", err)
	}
	ready := Ready{Token: rand.Text(), Secrets: map[string]string{}}
	spec := mcu.ConferenceSpec{Title: "Thử tải", Host: "diemcau bench"}
	for i := range n {
		id := ID(i)
		if ready.Secrets[id], err = reg.Rotate(ctx, id); err != nil {
			return err
		}
		ready.IDs = append(ready.IDs, id)
		spec.Members = append(spec.Members, mcu.Member{ID: id, Name: id, Main: i == 0})
	}
	mid, err := st.CreateMeeting(ctx, store.Meeting{Title: spec.Title, MainBP: ready.IDs[0], StartedAt: time.Now()}, ready.IDs)
	if err != nil {
		return err
	}
	spec.ID, spec.MeetingID = fmt.Sprint(mid), mid
	port, err := FreeUDPPort()
	if err != nil {
		return err
	}
	m, err := mcu.New(mcu.Config{LoopbackOnly: true, UDPPort: port, Log: log}, st, reg, log)
	if err != nil {
		return fmt.Errorf("bench-mcu: %w", err)
	}
	defer m.Close()
	conf, err := m.Open(ctx, spec)
	if err != nil {
		return err
	}
	if sipSites > 0 {
		srv, err := serveSIP(st, m, log)
		if err != nil {
			return err
		}
		defer srv.Close()
		ready.SIP = srv.Addr()
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("bench-mcu: listen: %w", err)
	}
	srv := &http.Server{Handler: childMux(m, conf, ready.Token), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("bench-mcu http", "err", err)
		}
	}()
	ready.URL = "http://" + ln.Addr().String()
	if err := json.NewEncoder(stdout).Encode(ready); err != nil {
		return fmt.Errorf("bench-mcu: announce: %w", err)
	}
	stdinClosed := make(chan struct{})
	go func() {
		_, _ = io.Copy(io.Discard, stdin)
		close(stdinClosed)
	}()
	select {
	case <-ctx.Done():
	case <-stdinClosed:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return nil
}

// childMux serves WHIP, the status API and the bench's control routes.
func childMux(m *mcu.MCU, conf *mcu.Conference, token string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/whip/", m.Handler())
	mux.Handle("/api/v1/", m.StatusHandler(token))
	authed := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "Bearer "+token {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			h(w, r)
		}
	}
	reply := func(w http.ResponseWriter, id string) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(MuteReply{ForwardedAudio: conf.ForwardedAudio(id)})
	}
	mux.HandleFunc("POST "+MuteRoute+"{id}", authed(func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		if err := conf.Mute(r.Context(), "bench", id, mcu.HardMute); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		reply(w, id)
	}))
	mux.HandleFunc("GET "+ForwardedRoute+"{id}", authed(func(w http.ResponseWriter, r *http.Request) {
		reply(w, r.PathValue("id"))
	}))
	mux.HandleFunc("GET "+ProfileRoute, authed(pprof.Profile))
	mux.Handle("GET "+HeapRoute, authed(pprof.Handler("heap").ServeHTTP))
	return mux
}

// FreeUDPPort finds a UDP port free on loopback for the MCU's shared media socket.
func FreeUDPPort() (int, error) {
	l, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("bench-mcu: find a UDP port: %w", err)
	}
	defer l.Close()
	return l.LocalAddr().(*net.UDPAddr).Port, nil
}
