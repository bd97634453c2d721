package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/sip/baresiptest"
)

// serve with --sip-tls-cert/--sip-tls-key and --sip-rtp-ports: SIP over TLS answers on its own
// port with the given certificate; a room system (baresip, G.722) in the meeting shows in the
// status API as transport "sip" with its negotiated codec, and in /metrics; when the meeting
// ends the terminal, which has no screen to be told, is hung up (BYE).
func TestSIPSiteMonitoredAndEndedWithTLSAndPortRange(t *testing.T) {
	const token = "status-token-sip"
	t.Setenv("DIEMCAU_API_TOKEN", token)
	baresiptest.Need(t)
	r := newServerRig(t, 2)
	certFile, keyFile, pool := selfSigned(t, t.TempDir())
	base := baresiptest.FreePorts(t, 9)
	base += base % 2
	r.args = append(r.args, "--sip-tls-cert", certFile, "--sip-tls-key", keyFile, "--sip-tls", "127.0.0.1:0",
		"--sip-rtp-ports", fmt.Sprintf("%d-%d", base, base+7))
	r.start(t)

	conn, err := tls.Dial("tcp", r.a.sip.TLSAddr(), &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12})
	if err != nil {
		t.Fatalf("SIP over TLS with the --sip-tls-cert certificate: %v", err)
	}
	defer conn.Close()
	local := conn.LocalAddr().String()
	fmt.Fprintf(conn, "OPTIONS sip:diemcau@%s SIP/2.0\r\nVia: SIP/2.0/TLS %s;branch=z9hG4bKopt1\r\n"+
		"From: <sip:probe@127.0.0.1>;tag=p1\r\nTo: <sip:diemcau@%s>\r\nCall-ID: opt1\r\nCSeq: 1 OPTIONS\r\n"+
		"Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", r.a.sip.TLSAddr(), local, r.a.sip.TLSAddr())
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if line, err := bufio.NewReader(conn).ReadString('\n'); err != nil || !strings.HasPrefix(line, "SIP/2.0 200") {
		t.Fatalf("OPTIONS over TLS answered %q (%v)", line, err)
	}

	mic, err := filepath.Abs("testdata/speech-vi-16k.wav")
	if err != nil {
		t.Fatal(err)
	}
	term := baresiptest.Start(t, "<sip:XA-001@127.0.0.1>;auth_pass="+r.tokens["XA-001"]+";regint=0;audio_codecs=G722/16000/1", mic)
	term.Command("dial", "sip:XA-001@"+r.a.sip.Addr())
	term.WaitOutput(20*time.Second, "Call established")

	type site struct {
		ID         string `json:"id"`
		Connected  bool   `json:"connected"`
		Transport  string `json:"transport"`
		AudioCodec string `json:"audio_codec"`
		VideoCodec string `json:"video_codec"`
	}
	var sites map[string]site
	waitFor(t, "the SIP site in the status API as sip with G.722", 20*time.Second, func() bool {
		code, body := getWithToken(t, r.url+"/api/v1/status", token)
		var reply struct {
			Conferences []struct {
				BridgePoints []site `json:"bridge_points"`
			} `json:"conferences"`
		}
		if code != http.StatusOK || json.Unmarshal(body, &reply) != nil || len(reply.Conferences) != 1 {
			t.Fatalf("status: %d %s", code, body)
		}
		sites = map[string]site{}
		for _, bp := range reply.Conferences[0].BridgePoints {
			sites[bp.ID] = bp
		}
		return sites["XA-001"] == site{ID: "XA-001", Connected: true, Transport: "sip", AudioCodec: "audio/G722"}
	})
	if s := sites["XA-002"]; s.Connected || s.Transport != "" || s.AudioCodec != "" {
		t.Errorf("a site not connected shows a transport or codec: %+v", s)
	}
	_, metrics := getWithToken(t, r.url+"/metrics", "")
	if v, ok := metricValue(string(metrics), `diemcau_bridge_point_sessions{audio_codec="audio/G722",transport="sip",video_codec=""}`); !ok || v != 1 {
		t.Errorf("/metrics does not count the SIP session (%v %v):\n%s", v, ok, metrics)
	}

	if err := r.conf.Close(context.Background(), "console:test"); err != nil {
		t.Fatal(err)
	}
	term.WaitOutput(20*time.Second, "session closed: Connection reset by peer") // baresip's words for a BYE received
}
