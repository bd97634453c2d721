package main

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"diemcau/endpoints"
	"diemcau/live"
	"diemcau/mcu"
	"diemcau/sip/baresiptest"
	"diemcau/store"
)

// The control center dials a room system (baresip answering by itself) through live's facade
// in the meeting `serve` runs: the attempt is audited, the site connects over sip with its call
// state "connected" in the snapshot, the status API and /metrics; when the terminal hangs up,
// the drop opens an outage and the site is redialled (audited as the system's) and connected
// again; the technician's hang-up is audited, opens no outage and is never redialled. An operator may not dial.
func TestDialOutThroughTheFacade(t *testing.T) {
	baresiptest.Need(t)
	const token = "dial-token-5c1e"
	t.Setenv("DIEMCAU_API_TOKEN", token)
	r, mic := newDialRig(t, 2, "--sip-redial", "2", "--sip-redial-every", "2s")
	ctx := context.Background()
	term := baresiptest.Start(t, "<sip:XA-001@127.0.0.1>;regint=0;answermode=auto", mic)
	_, port, _ := net.SplitHostPort(term.Addr)
	p, _ := strconv.Atoi(port)
	r.a.terminalPort.Store(int32(p))

	op := r.a.live.As(live.Identity{Actor: "ssh:op", Role: live.RoleOperator, BridgePoint: "XA-001"}).In(r.conf)
	if err := op.Dial(ctx, "XA-001"); !errors.Is(err, live.ErrNotPermitted) {
		t.Fatalf("an operator dialled: %v", err)
	}
	room := r.a.live.As(live.Identity{Actor: "console:an"}).In(r.conf)
	if err := room.Dial(ctx, "XA-002"); !errors.Is(err, live.ErrNotFound) {
		t.Fatalf("dialling a site without device_ip: %v", err)
	}
	if err := room.Dial(ctx, "XA-001"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the dialled terminal a connected member over sip", 30*time.Second, func() bool {
		p := sipParticipant(t, r, "XA-001")
		return p.Connected && p.Transport == "sip" && p.Call.State == mcu.CallConnected
	})
	if got := statusCall(t, r, token, "XA-001"); got != "connected/0" {
		t.Fatalf("status API call state %q, want connected/0", got)
	}
	if _, metrics := getWithToken(t, r.url+"/metrics", ""); !strings.Contains(string(metrics), `diemcau_sip_calls{state="connected"} 1`) {
		t.Fatalf("/metrics lacks the connected call:\n%s", metrics)
	}

	waitFor(t, "the terminal's speech for a few seconds (the outage tracker sees the site up)", 20*time.Second, func() bool {
		return sipParticipant(t, r, "XA-001").AudioIn > 150
	})
	term.Command("hangup", "")
	waitFor(t, "the dropped call redialled and connected", 30*time.Second, func() bool {
		p := sipParticipant(t, r, "XA-001")
		return p.Connected && p.Call.State == mcu.CallConnected && p.Call.Try == 1
	})
	if err := room.HangUp(ctx, "XA-001"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the hung-up site left", 10*time.Second, func() bool {
		p := sipParticipant(t, r, "XA-001")
		return !p.Connected && p.Call.State == mcu.CallEnded && p.LeftReason == "left"
	})
	time.Sleep(5 * time.Second) // two redial periods and more: none may start
	if p := sipParticipant(t, r, "XA-001"); p.Connected || p.Call.State != mcu.CallEnded {
		t.Fatalf("the hung-up site came back: %+v", p.Call)
	}
	mid := r.conf.Snapshot().MeetingID
	deadline := time.Now().Add(20 * time.Second)
	for {
		out, err := r.a.st.Outages(ctx, mid)
		if err == nil && len(out) == 1 && out[0].BridgePoint == "XA-001" && !out[0].EndedAt.IsZero() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("outages %+v (%v), want the drop's one, ended by the redial", out, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := room.HangUp(ctx, "XA-001"); !errors.Is(err, live.ErrConflict) {
		t.Fatalf("a second hang-up: %v", err)
	}
	rows, err := r.a.st.AuditLog(ctx, mid)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range rows {
		if strings.HasPrefix(e.Action, "sip_") {
			got = append(got, e.Actor+" "+e.Action+" "+e.BridgePoint+" "+e.Detail)
		}
	}
	want := []string{
		"console:an sip_dial XA-001 try=0/0",
		"system sip_connected XA-001 try=0/0",
		"system sip_drop XA-001 try=0/0 cause=dropped code=0",
		"system sip_redial XA-001 try=1/2",
		"system sip_connected XA-001 try=1/2",
		"console:an sip_hangup XA-001 try=1/2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := statusCall(t, r, token, "XA-001"); got != "ended/0" {
		t.Fatalf("status API call state after the hang-up %q, want ended/0", got)
	}
}

// statusCall is bridge point id's call in GET /api/v1/status: "state/try", "" when none.
func statusCall(t *testing.T, r *serverRig, token, id string) string {
	t.Helper()
	code, body := getWithToken(t, r.url+"/api/v1/status", token)
	if code != http.StatusOK {
		t.Fatalf("status: %d %s", code, body)
	}
	var reply struct {
		Conferences []struct {
			BridgePoints []struct {
				ID   string `json:"id"`
				Call *struct {
					State string `json:"state"`
					Try   int    `json:"try"`
				} `json:"call"`
			} `json:"bridge_points"`
		} `json:"conferences"`
	}
	if err := json.Unmarshal(body, &reply); err != nil {
		t.Fatal(err)
	}
	for _, c := range reply.Conferences {
		for _, b := range c.BridgePoints {
			if b.ID == id && b.Call != nil {
				return b.Call.State + "/" + strconv.Itoa(b.Call.Try)
			}
		}
	}
	return ""
}

// A dialled room system with a camera (baresip's test picture, H.264 by avcodec) takes the
// offered H.264: its camera enters the conference as video/H264.
func TestDialOutWithVideo(t *testing.T) {
	baresiptest.Need(t)
	r, mic := newDialRig(t, 1)
	ctx := context.Background()
	term := baresiptest.StartConfig(t, baresiptest.Config{Account: "<sip:XA-001@127.0.0.1>;regint=0;answermode=auto",
		Mic: mic, Video: true})
	_, port, _ := net.SplitHostPort(term.Addr)
	p, _ := strconv.Atoi(port)
	r.a.terminalPort.Store(int32(p))
	if err := r.a.live.As(live.Identity{Actor: "console:an"}).In(r.conf).Dial(ctx, "XA-001"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the dialled terminal's camera in the conference", 30*time.Second, func() bool {
		p := sipParticipant(t, r, "XA-001")
		return p.Connected && p.VideoCodec == "video/H264" && p.VideoIn > 20
	})
}

// newDialRig is a serve rig of subs sites, started with extra flags, whose XA-001 has the
// device_ip 127.0.0.1 (its terminal's port is set by each test); it returns the microphone WAV.
func newDialRig(t *testing.T, subs int, extra ...string) (*serverRig, string) {
	t.Helper()
	r := newServerRig(t, subs)
	r.args = append(r.args, extra...)
	ctx := context.Background()
	st, err := store.Open(ctx, r.args[1])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := endpoints.NewRegistry(st).Import(ctx, strings.NewReader("id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\n"+
		"XA-001,Xã số 001,XA-001,UBND xã số 001,commune,sub,Phòng họp,Gia Lai,127.0.0.1\n"), "vi"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	r.start(t)
	mic, err := filepath.Abs("testdata/speech-vi-16k.wav")
	if err != nil {
		t.Fatal(err)
	}
	return r, mic
}
