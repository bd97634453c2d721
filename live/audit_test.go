package live

import (
	"context"
	"reflect"
	"testing"
	"time"

	"diemcau/mcu"
)

// storedActions are the strings existing databases hold: a constant may be renamed, its string
// never (a restarted server replays them).
var storedActions = map[Action]string{
	ActionCallDial: "sip_dial", ActionCallRedial: "sip_redial", ActionCallConnected: "sip_connected",
	ActionCallFailed: "sip_failed", ActionCallDrop: "sip_drop", ActionCallHangUp: "sip_hangup",
	ActionMute: "mute", ActionUnmute: "unmute", ActionMuteAll: "mute_all", ActionSelfMute: "self_mute",
	ActionSelfUnmute: "self_unmute", ActionFloorGrant: "floor_grant", ActionFloorRevoke: "floor_revoke",
	ActionSpeakRequest: "speak_request", ActionSpeakCancel: "speak_cancel", ActionSpeakForward: "speak_forward",
	ActionSpeakDismiss: "speak_dismiss", ActionIncidentReport: "incident_report",
	ActionRecordingStart: "recording_start", ActionRecordingStop: "recording_stop", ActionAdmit: "admit",
	ActionLock: "lock", ActionUnlock: "unlock", ActionDisconnect: "disconnect", ActionRollCall: "roll_call",
	ActionAttendance: "attendance", ActionConferenceClose: "conference_close",
	ActionOpen: "meeting_open", ActionTestOpen: "test_session_open", ActionServerStop: "server_stop",
	ActionResume: "conference_resume", ActionExpire: "conference_expire",
	ActionIncidentSave: "incident_save", ActionIncidentDiscard: "incident_discard",
	ActionIncidentConfirm: "incident_confirm", ActionIncidentDraft: "incident_draft", ActionOutageEnd: "outage_end",
	ActionLogClose: "meeting_log_close", ActionLogSubmit: "meeting_log_submit", ActionTestResult: "test_result",
	ActionRecordingDone: "recording_delivered",
	ActionBookingAdd:    "booking_add", ActionBookingEdit: "booking_edit", ActionBookingOverride: "booking_override",
	ActionBookingCalendarOverride: "booking_calendar_override", ActionBookingLink: "booking_link",
	ActionGroupAdd: "group_add", ActionGroupEdit: "group_edit", ActionGroupImport: "group_import",
	ActionCalendarImport: "calendar_import", ActionTechnicianAdd: "technician_add",
	ActionTechnicianImport: "technician_import", ActionRegistryImport: "registry_import",
	ActionSecretRotate: "secret_rotate", ActionSIPTrust: "sip_trust",
	"booking_confirmed": "booking_confirmed", "booking_power_notified": "booking_power_notified",
	"booking_test_done": "booking_test_done", "booking_final_check_done": "booking_final_check_done",
	"booking_live": "booking_live", "booking_closed": "booking_closed", "booking_log_submitted": "booking_log_submitted",
	"booking_recordings_delivered": "booking_recordings_delivered", "booking_cancelled": "booking_cancelled",
}

func TestAuditActionsKeepTheirStrings(t *testing.T) {
	seen := map[Action]bool{}
	for _, a := range Actions() {
		if seen[a] {
			t.Errorf("action %q listed twice", a)
		}
		seen[a] = true
		if want, ok := storedActions[a]; !ok || string(a) != want {
			t.Errorf("action %q: stored as %q in existing databases", a, want)
		}
		if got, ok := ParseAction(string(a)); !ok || got != a {
			t.Errorf("ParseAction(%q) = %q %v", a, got, ok)
		}
	}
	for a := range storedActions {
		if !seen[a] {
			t.Errorf("action %q is stored but has no constant in Actions()", a)
		}
	}
	if _, ok := ParseAction("no_such_action"); ok {
		t.Error("ParseAction accepted an unknown action")
	}
}

// replayStep is one action written to the log before replaying it.
type replayStep struct {
	action      Action
	bridgePoint string
	detail      string
}

// TestEveryActionReplays writes every action there is, each with its typed detail, into the log
// of a live meeting whose XA-2 is hard-muted, whose meeting is locked and whose XA-1 asked to
// speak, then replays the log: the control actions change the state they name, every other
// action leaves it as it was, and none makes the replay fail.
func TestEveryActionReplays(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	at := t0.Add(time.Minute)
	stop := StopDetail{Connected: []string{"XA-1"}}.String()
	cases := map[Action]struct {
		pre  []replayStep
		step replayStep
		want func(rs ResumeState, req int64) bool
	}{
		ActionMute: {step: replayStep{ActionMute, "XA-1", mcu.MuteDetail(mcu.SoftMute)},
			want: func(rs ResumeState, _ int64) bool { return rs.Mute["XA-1"] == mcu.SoftMute }},
		ActionUnmute: {step: replayStep{ActionUnmute, "XA-2", ""},
			want: func(rs ResumeState, _ int64) bool { return len(rs.Mute) == 0 }},
		ActionSelfUnmute: {step: replayStep{ActionSelfUnmute, "XA-2", ""},
			want: func(rs ResumeState, _ int64) bool { return len(rs.Mute) == 0 }},
		ActionSelfMute: {step: replayStep{ActionSelfMute, "XA-1", mcu.MuteDetail(mcu.SoftMute)},
			want: func(rs ResumeState, _ int64) bool { return rs.Mute["XA-1"] == mcu.SoftMute }},
		ActionFloorGrant: {step: replayStep{ActionFloorGrant, "XA-2", ""},
			want: func(rs ResumeState, _ int64) bool { return rs.Floor == "XA-2" && len(rs.Mute) == 0 }},
		ActionFloorRevoke: {pre: []replayStep{{ActionFloorGrant, "XA-1", ""}}, step: replayStep{ActionFloorRevoke, "XA-1", ""},
			want: func(rs ResumeState, _ int64) bool { return rs.Floor == "" && rs.Mute["XA-1"] == mcu.HardMute }},
		ActionMuteAll: {step: replayStep{ActionMuteAll, "", mcu.CountDetail("count", 2)},
			want: func(rs ResumeState, _ int64) bool {
				return len(rs.Mute) == 2 && rs.Mute["XA-1"] == mcu.HardMute && rs.Mute["UBND"] == ""
			}},
		ActionSpeakForward: {step: replayStep{ActionSpeakForward, "XA-1", ""}, // detail: the request, below
			want: func(rs ResumeState, req int64) bool {
				return len(rs.Requests) == 1 && rs.Requests[0].ID == req && rs.Requests[0].ForwardedAt.Equal(at)
			}},
		ActionUnlock: {step: replayStep{ActionUnlock, "", ""},
			want: func(rs ResumeState, _ int64) bool { return !rs.Locked }},
		ActionServerStop: {step: replayStep{ActionServerStop, "", stop},
			want: func(rs ResumeState, _ int64) bool {
				return len(rs.Down) == 1 && rs.Down[0].BridgePoint == "XA-1" && rs.StopAt.Equal(at)
			}},
		ActionResume: {pre: []replayStep{{ActionServerStop, "", stop}},
			step: replayStep{ActionResume, "", ResumeDetail{Down: time.Minute, Interrupted: 1}.String()},
			want: func(rs ResumeState, _ int64) bool { return len(rs.Down) == 0 }},
	}
	for a := range cases {
		if _, ok := ParseAction(string(a)); !ok {
			t.Fatalf("case %q is no action", a)
		}
	}
	for _, a := range Actions() {
		t.Run(string(a), func(t *testing.T) {
			st, id := replayStore(t, t0)
			write := func(s replayStep, when time.Time) {
				t.Helper()
				if _, err := st.RecordAction(ctx, id, when, "console:an", string(s.action), s.bridgePoint, s.detail); err != nil {
					t.Fatal(err)
				}
			}
			write(replayStep{ActionMute, "XA-2", mcu.MuteDetail(mcu.HardMute)}, t0.Add(time.Second))
			write(replayStep{ActionLock, "", ""}, t0.Add(2*time.Second))
			req, err := st.RecordSpeakRequest(ctx, id, t0.Add(3*time.Second), "XA-1")
			if err != nil {
				t.Fatal(err)
			}
			base, err := LoadResume(ctx, st, id)
			if err != nil {
				t.Fatal(err)
			}
			c, replayed := cases[a]
			for _, s := range c.pre {
				write(s, at.Add(-time.Second))
			}
			step := replayStep{a, "XA-1", "detail"}
			if replayed {
				step = c.step
			}
			if a == ActionSpeakForward {
				step.detail = mcu.RequestDetail(req)
			}
			write(step, at)
			rs, err := LoadResume(ctx, st, id)
			if err != nil {
				t.Fatalf("replay after %q: %v", a, err)
			}
			if replayed {
				if !c.want(rs, req) {
					t.Errorf("after %q replayed: mute %v floor %q locked %v requests %+v down %+v", a, rs.Mute, rs.Floor, rs.Locked, rs.Requests, rs.Down)
				}
				return
			}
			if !reflect.DeepEqual(rs.Mute, base.Mute) || rs.Floor != base.Floor || rs.Locked != base.Locked ||
				!reflect.DeepEqual(rs.Requests, base.Requests) || len(rs.Down) != 0 || !base.Locked || base.Mute["XA-2"] != mcu.HardMute {
				t.Errorf("%q changed the replayed state: %+v, was %+v", a, rs, base)
			}
		})
	}
}

// TestAuditDetailsRoundTrip: each typed detail decodes to what was encoded.
func TestAuditDetailsRoundTrip(t *testing.T) {
	stop := StopDetail{Connected: []string{"XA-1", "XA-2"}}
	if got := ParseStopDetail(stop.String()); !reflect.DeepEqual(got, stop) {
		t.Errorf("stop %+v → %q → %+v", stop, stop.String(), got)
	}
	if got := ParseStopDetail(StopDetail{}.String()); len(got.Connected) != 0 {
		t.Errorf("empty stop → %+v", got)
	}
	res := ResumeDetail{Down: 1500 * time.Millisecond, Interrupted: 2, Muted: 1, Requests: 3}
	if got, err := ParseResumeDetail(res.String()); err != nil || got != res {
		t.Errorf("resume %+v → %q → %+v %v", res, res.String(), got, err)
	}
	exp := ExpireDetail{Stopped: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	if got, err := ParseExpireDetail(exp.String()); err != nil || !got.Stopped.Equal(exp.Stopped) {
		t.Errorf("expire %+v → %q → %+v %v", exp, exp.String(), got, err)
	}
	for _, o := range []OpenDetail{{Booking: 7, Members: 3}, {Members: 2}} {
		if got, err := ParseOpenDetail(o.String()); err != nil || got != o {
			t.Errorf("open %+v → %q → %+v %v", o, o.String(), got, err)
		}
	}
	inc := IncidentDetail{Kind: "audio", Description: "mất tiếng: 2 phút"}
	if got := ParseIncidentDetail(inc.String()); got != inc {
		t.Errorf("incident %+v → %q → %+v", inc, inc.String(), got)
	}
	for _, m := range []mcu.MuteMode{mcu.SoftMute, mcu.HardMute} {
		if got := mcu.ParseMuteDetail(mcu.MuteDetail(m)); got != m {
			t.Errorf("mute %q → %q", m, got)
		}
	}
	if got, err := mcu.ParseRequestDetail(mcu.RequestDetail(42)); err != nil || got != 42 {
		t.Errorf("request 42 → %d %v", got, err)
	}
	reg := RegistryImportDetail{Units: 2, BridgePoints: 5}
	if got, err := ParseRegistryImportDetail(reg.String()); err != nil || got != reg {
		t.Errorf("registry import %+v → %q → %+v %v", reg, reg.String(), got, err)
	}
	if TrustDetail(true) != "on" || TrustDetail(false) != "off" {
		t.Error("SIP trust details are not on/off")
	}
	if _, err := ParseResumeDetail("down=x"); err == nil {
		t.Error("a broken resume detail decoded")
	}
}
