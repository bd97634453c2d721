package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"diemcau/mcu"
	"diemcau/softep"
	"diemcau/store"
)

// TestMetricsForOperators runs the real server with two of three bridge points joined over
// loopback WebRTC (an ad hoc meeting lists those that joined), an open incident, an ongoing
// interruption of the third, a recording and the
// SSH server with one console open and one key refused, and reads /metrics as Prometheus does:
// each bridge point's link, the meeting's recording, incidents and interruption seconds, the
// SSH numbers and the free disk are there with the values the state implies.
func TestMetricsForOperators(t *testing.T) {
	r := newServerRig(t, 2)
	r.start(t)
	ctx := context.Background()
	clips := lightClips(t)
	runEndpoints(t, []*softep.Endpoint{r.endpoint("UBND-TINH", clips, false, false), r.endpoint("XA-001", clips, false, false)}, 0)
	mid := r.conf.Snapshot().MeetingID
	m := strconv.FormatInt(mid, 10)
	if _, err := r.a.st.SaveIncident(ctx, store.Incident{MeetingID: mid, BridgePoint: "XA-001", Kind: "audio",
		Description: "rè tiếng", StartedAt: time.Now(), ReportedBy: "an", Status: "open"}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.a.st.OpenOutage(ctx, store.Outage{MeetingID: mid, BridgePoint: "XA-002", Cause: "disconnected",
		StartedAt: time.Now().Add(-90 * time.Second)}); err != nil {
		t.Fatal(err)
	}

	// The SSH server as serve builds it, with one technician's key.
	signer := testSigner(t)
	if err := os.WriteFile(r.a.flags.authorizedKeys, []byte(authorizedLine(signer, "role=control tech=an")), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := r.a.sshServer(r.conf.ID())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sshCtx, stopSSH := context.WithCancel(ctx)
	served := make(chan struct{})
	go func() { srv.Serve(sshCtx, ln); close(served) }()
	t.Cleanup(func() { stopSSH(); <-served })
	dial := func(s gossh.Signer) (*gossh.Client, error) {
		return gossh.Dial("tcp", ln.Addr().String(), &gossh.ClientConfig{User: "kythuat", Auth: []gossh.AuthMethod{gossh.PublicKeys(s)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	}
	if c, err := dial(testSigner(t)); err == nil {
		c.Close()
		t.Fatal("an unknown key was let in")
	}
	client, err := dial(signer)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}

	scrape := func() string {
		code, body := getWithToken(t, r.url+"/metrics", "")
		if code != http.StatusOK {
			t.Fatalf("/metrics: %d", code)
		}
		return string(body)
	}
	bp := func(name, id string) string { return name + `{bridge_point="` + id + `",meeting="` + m + `"}` }
	var body string
	waitFor(t, "two bridge points connected with a graded link and one console", 30*time.Second, func() bool {
		body = scrape()
		a, _ := metricValue(body, bp("diemcau_bridge_point_connected", "UBND-TINH"))
		b, _ := metricValue(body, bp("diemcau_bridge_point_connected", "XA-001"))
		_, graded := metricValue(body, bp("diemcau_bridge_point_quality_grade", "XA-001"))
		kbps, _ := metricValue(body, bp("diemcau_bridge_point_bitrate_in_kbps", "XA-001"))
		s, _ := metricValue(body, "diemcau_ssh_sessions")
		return a == 1 && b == 1 && graded && kbps > 0 && s == 1
	})
	if v, ok := metricValue(body, bp("diemcau_bridge_point_connected", "XA-002")); ok && v != 0 {
		t.Errorf("XA-002, never joined, connected = %v", v)
	}
	if _, ok := metricValue(body, bp("diemcau_bridge_point_loss_percent", "XA-002")); ok {
		t.Error("a bridge point that is not connected has a loss figure")
	}
	for _, name := range []string{"diemcau_bridge_point_loss_percent", "diemcau_bridge_point_jitter_ms", "diemcau_bridge_point_rtt_ms"} {
		if v, ok := metricValue(body, bp(name, "XA-001")); !ok || v < 0 {
			t.Errorf("%s of XA-001 = %v (present %v)", name, v, ok)
		}
	}
	meeting := func(name string) float64 {
		v, ok := metricValue(body, name+`{meeting="`+m+`"}`)
		if !ok {
			t.Errorf("%s of meeting %s is missing", name, m)
		}
		return v
	}
	if v := meeting("diemcau_incidents_open"); v != 1 {
		t.Errorf("incidents_open = %v, want 1", v)
	}
	if v := meeting("diemcau_interruptions_open"); v < 1 {
		t.Errorf("interruptions_open = %v, want ≥ 1", v)
	}
	if v := meeting("diemcau_interruption_seconds"); v < 90 {
		t.Errorf("interruption_seconds = %v, want ≥ 90", v)
	}
	if v := meeting("diemcau_recording_active"); v != 0 {
		t.Errorf("recording_active = %v before recording", v)
	}
	if v, _ := metricValue(body, "diemcau_ssh_refusals_total"); v != 1 {
		t.Errorf("ssh_refusals_total = %v, want 1", v)
	}
	if v, ok := metricValue(body, `diemcau_disk_free_bytes{path="`+r.a.flags.db[:len(r.a.flags.db)-len("/diemcau.db")]+`"}`); !ok || v <= 0 {
		t.Errorf("disk_free_bytes = %v (present %v)", v, ok)
	}

	if _, err := r.conf.StartRecording(ctx, "console:test"); err != nil {
		t.Fatal(err)
	}
	if err := r.conf.Mute(ctx, "console:test", "XA-001", mcu.HardMute); err != nil {
		t.Fatal(err)
	}
	body = scrape()
	if v := meeting("diemcau_recording_active"); v != 1 {
		t.Errorf("recording_active = %v while recording", v)
	}
	if v, _ := metricValue(body, bp("diemcau_bridge_point_muted", "XA-001")); v != 1 {
		t.Errorf("XA-001 muted = %v after a hard mute", v)
	}
	if _, err := r.conf.StopRecording(ctx, "console:test"); err != nil {
		t.Fatal(err)
	}
}
