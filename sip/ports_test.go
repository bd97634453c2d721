package sip

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emiago/sipgo"
	"github.com/pion/sdp/v3"

	"diemcau/endpoints"
	"diemcau/sip/baresiptest"
)

// freeRange is a free range of n ports (n even) from an even port: a range is a fixed set of
// ports by nature, so it is chosen free, not assumed so.
func freeRange(t *testing.T, n int) PortRange {
	base := baresiptest.FreePorts(t, n+1)
	base += base % 2
	return PortRange{Min: base, Max: base + n - 1}
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) count(sub string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Count(s.b.String(), sub)
}

// Calls take their RTP/RTCP pairs from --sip-rtp-ports: with two pairs, two calls are answered
// with ports of the range, the next ones are refused 503 (logged once), and after a hang-up the
// freed pair serves a new call.
func TestRTPPortRange(t *testing.T) {
	r := freeRange(t, MinRTPPorts)
	room := &recordingRoom{}
	creds := func(_ context.Context, id string) (Credential, bool, error) {
		return Credential{HA1: endpoints.SIPDigestHA1(id, rigSecret)}, id == "XA-IAGRAI", nil
	}
	var logs syncBuffer
	srv, err := Listen(Config{Addr: "127.0.0.1:0", RTPPorts: r, Rooms: room, Credentials: creds,
		Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cl := newSIPClient(t, nil)
	var calls []*sipgo.DialogClientSession
	for range 2 {
		dlg, err := cl.call(ctx, "XA-IAGRAI", srv.Addr(), "udp", rigSecret)
		if err != nil {
			t.Fatal(err)
		}
		calls = append(calls, dlg)
		var answer sdp.SessionDescription
		if err := answer.Unmarshal(dlg.InviteResponse.Body()); err != nil {
			t.Fatal(err)
		}
		if p := answer.MediaDescriptions[0].MediaName.Port.Value; p < r.Min || p+1 > r.Max || p%2 != 0 {
			t.Fatalf("answered with RTP port %d, not an even port of %s with its RTCP port", p, r)
		}
	}
	for range 2 {
		_, err := cl.call(ctx, "XA-IAGRAI", srv.Addr(), "udp", rigSecret)
		var refused *sipgo.ErrDialogResponse
		if !errors.As(err, &refused) || refused.Res.StatusCode != 503 {
			t.Fatalf("a call beyond the range: %v, want 503", err)
		}
	}
	if n := logs.count("no free RTP/RTCP port pair"); n != 1 {
		t.Fatalf("the exhausted range logged %d times, want once:\n%s", n, logs.b.String())
	}
	if err := calls[0].Bye(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the hang-up", 10*time.Second, func() bool {
		_, _, _, _, left := room.snapshot()
		return len(left) == 1
	})
	if _, err := cl.call(ctx, "XA-IAGRAI", srv.Addr(), "udp", rigSecret); err != nil {
		t.Fatalf("a call after a pair freed: %v", err)
	}
}

// --sip-rtp-ports values are read as MIN-MAX within 1024–65535 holding at least one call.
func TestParsePortRange(t *testing.T) {
	if r, err := ParsePortRange("40000-40999"); err != nil || r != (PortRange{40000, 40999}) {
		t.Fatalf("40000-40999: %v %v", r, err)
	}
	for _, bad := range []string{"", "40000", "40000-", "a-b", "1000-2000", "40000-70000", "5000-5000", "5001-5000", "5000-5002", "-5-10"} {
		if _, err := ParsePortRange(bad); !errors.Is(err, ErrPortRange) {
			t.Errorf("%q accepted", bad)
		}
	}
}
