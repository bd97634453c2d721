package live

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/softep"
	"diemcau/store"
)

// tableRows pins the permission table: for each action, the reach of the control center, the
// host of the meeting, an operator and a viewer (E every, O own bridge point, - never).
var tableRows = [ActCount]string{
	ActMute: "EE--", ActSoftMute: "EEO-", ActMuteAll: "EE--", ActFloor: "EE--", ActForward: "EE--",
	ActDismiss: "EE--", ActIncident: "EEO-", ActEditIncident: "E---", ActCloseMeeting: "E---",
	ActRaiseHand: "--O-", ActTestSession: "EEO-", ActRecord: "EE--", ActDeliverRecording: "E---",
	ActBookingAdd: "EE--", ActBookingEdit: "E---", ActBookingStep: "E---", ActRollCall: "EEO-",
	ActAdmit: "EE--", ActLock: "EE--", ActDisconnect: "E---", ActOpenMeeting: "E---",
	ActTechnician: "E---", ActCalendar: "E---", ActRegistry: "E---",
	ActDial: "E---",
}

func TestPermissionTable(t *testing.T) {
	letter := map[Reach]byte{Every: 'E', Own: 'O', Denied: '-'}
	for a := Act(0); a < ActCount; a++ {
		ids := []Identity{{Role: RoleControl}, {Role: RoleHost, BridgePoint: "UBND"}, {Role: RoleOperator, BridgePoint: "XA-1"}, {Role: RoleViewer}}
		got := ""
		for _, id := range ids {
			got += string(letter[id.Reach(a, "UBND")])
		}
		if got != tableRows[a] {
			t.Errorf("%s: control, host, operator, viewer = %s, want %s", a, got, tableRows[a])
		}
		guest := Identity{Role: RoleHost, BridgePoint: "XA-2"} // a host key at a meeting another hosts
		if guest.Reach(a, "UBND") != Denied {
			t.Errorf("a host not hosting the meeting may %s", a)
		}
	}
	if (Identity{Role: RoleHost, BridgePoint: "XA-2"}).MayBook(ActBookingAdd, "UBND") != true ||
		(Identity{Role: RoleHost}).MayBook(ActBookingAdd, "UBND") {
		t.Error("a host key registers bookings for its unit whichever meeting is live, and only with a bridge point")
	}
	if (Identity{Role: "chairman"}).MayAny(ActMute, "") || Act(-1).String() != "unknown" {
		t.Error("an unknown role or action is allowed something")
	}
}

// deskStep is one action taken through the facade: the permission it needs, the bridge point
// it is for, and the audit action it writes when allowed.
type deskStep struct {
	name  string
	act   Act
	bp    string
	audit Action
	do    func(ctx context.Context, r *deskRig, d *Desk) error
}

// TestEveryActionFollowsTheTable takes every action a person can take through the facade, as
// each role: allowed, it is done and its audit row written by that identity; refused, the error
// is ErrNotPermitted and nothing changed, in the audit log or in the room.
func TestEveryActionFollowsTheTable(t *testing.T) {
	if testing.Short() {
		t.Skip("WebRTC sites")
	}
	ids := map[string]Identity{
		"control":  {Actor: "ssh:control", Role: RoleControl},
		"host":     {Actor: "ssh:host", Role: RoleHost, BridgePoint: "UBND"},
		"guest":    {Actor: "ssh:guest", Role: RoleHost, BridgePoint: "XA-2"},
		"operator": {Actor: "ssh:operator", Role: RoleOperator, BridgePoint: "XA-1"},
		"viewer":   {Actor: "ssh:viewer", Role: RoleViewer},
	}
	covered := map[Act]bool{}
	for _, s := range deskSteps() {
		covered[s.act] = true
	}
	for a := Act(0); a < ActCount; a++ {
		if !covered[a] {
			t.Fatalf("no step takes %s through the facade", a)
		}
	}
	for name, id := range ids {
		t.Run(name, func(t *testing.T) {
			r := newDeskRig(t)
			d := r.m.As(id).WithBookings(meeting.DefaultCalendar(), func() time.Time { return r.start })
			for _, s := range deskSteps() {
				allowed := id.May(s.act, s.bp, "UBND")
				if s.act == ActBookingAdd {
					allowed = id.MayBook(s.act, "UBND")
				}
				if s.name == "add booking" && id.Role == RoleHost && id.BridgePoint != "UBND" {
					allowed = false // a host files only for its own unit (UBND's booking here)
				}
				before, snap := r.rows(t, id.Actor), r.conf.Snapshot()
				err := s.do(context.Background(), r, d)
				after := r.rows(t, id.Actor)
				if !allowed {
					if !errors.Is(err, ErrNotPermitted) {
						t.Errorf("%s (%s) refused with %v, want ErrNotPermitted", s.name, s.act, err)
					}
					if len(after) != len(before) {
						t.Errorf("%s refused but journaled %+v", s.name, after[len(before):])
					}
					if now := r.conf.Snapshot(); !sameRoom(snap, now) {
						t.Errorf("%s refused but the room changed", s.name)
					}
					continue
				}
				if err != nil {
					t.Errorf("%s (%s) allowed but failed: %v", s.name, s.act, err)
					continue
				}
				if !wrote(added(before, after), s.audit) {
					t.Errorf("%s done without its audit row %q by %s: %+v", s.name, s.audit, id.Actor, added(before, after))
				}
			}
		})
	}
}

// deskSteps are the actions in an order each can succeed in: XA-1 is connected and asked to
// speak, XA-2 knocks at the door, a recording exists, two drafts and a booking wait.
func deskSteps() []deskStep {
	room := func(f func(ctx context.Context, r *Room) error) func(context.Context, *deskRig, *Desk) error {
		return func(ctx context.Context, rig *deskRig, d *Desk) error { return f(ctx, d.In(rig.conf)) }
	}
	return []deskStep{
		{"mute", ActMute, "XA-1", ActionMute, room(func(ctx context.Context, r *Room) error { return r.Mute(ctx, "XA-1") })},
		{"unmute", ActMute, "XA-1", ActionUnmute, room(func(ctx context.Context, r *Room) error { return r.Unmute(ctx, "XA-1") })},
		{"soft mute own", ActSoftMute, "XA-1", "", room(func(ctx context.Context, r *Room) error { return r.SoftMute(ctx, "XA-1") })}, // an operator's is a self mute
		{"lift soft mute own", ActSoftMute, "XA-1", "", room(func(ctx context.Context, r *Room) error { return r.LiftSoftMute(ctx, "XA-1") })},
		{"soft mute other", ActSoftMute, "UBND", ActionMute, room(func(ctx context.Context, r *Room) error { return r.SoftMute(ctx, "UBND") })},
		{"lift soft mute other", ActSoftMute, "UBND", ActionUnmute, room(func(ctx context.Context, r *Room) error { return r.LiftSoftMute(ctx, "UBND") })},
		{"mute all", ActMuteAll, "", ActionMuteAll, room(func(ctx context.Context, r *Room) error { _, err := r.MuteAll(ctx); return err })},
		{"forward", ActForward, "XA-1", ActionSpeakForward, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.In(rig.conf).Forward(ctx, rig.request("XA-1"))
		}},
		{"dismiss", ActDismiss, "XA-1", ActionSpeakDismiss, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.In(rig.conf).Dismiss(ctx, rig.request("XA-1"))
		}},
		{"grant", ActFloor, "XA-1", ActionFloorGrant, room(func(ctx context.Context, r *Room) error { return r.Grant(ctx, "XA-1") })},
		{"revoke", ActFloor, "XA-1", ActionFloorRevoke, room(func(ctx context.Context, r *Room) error { return r.Revoke(ctx, "XA-1") })},
		{"lower hand", ActRaiseHand, "XA-1", ActionSpeakCancel, room(func(ctx context.Context, r *Room) error { return r.LowerHand(ctx) })},
		{"raise hand", ActRaiseHand, "XA-1", ActionSpeakRequest, room(func(ctx context.Context, r *Room) error { return r.RaiseHand(ctx) })},
		{"report incident", ActIncident, "XA-1", ActionIncidentSave, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.SaveIncident(ctx, store.Incident{MeetingID: rig.meeting, BridgePoint: "XA-1", Kind: "audio",
				Description: "mất tiếng", StartedAt: rig.start, ReportedBy: d.id.Actor, Status: "open"}, false)
			return err
		}},
		{"report incident other", ActIncident, "UBND", ActionIncidentSave, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.SaveIncident(ctx, store.Incident{MeetingID: rig.meeting, BridgePoint: "UBND", Kind: "audio",
				Description: "mất tiếng", StartedAt: rig.start, ReportedBy: d.id.Actor, Status: "open"}, false)
			return err
		}},
		{"edit incident", ActEditIncident, "XA-1", ActionIncidentSave, func(ctx context.Context, rig *deskRig, d *Desk) error {
			in := rig.drafts[0]
			in.Description = "mất hình 2 phút"
			_, err := d.SaveIncident(ctx, in, true)
			return err
		}},
		{"confirm draft", ActEditIncident, "XA-1", ActionIncidentConfirm, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.ConfirmDraft(ctx, rig.drafts[0])
			return err
		}},
		{"discard draft", ActEditIncident, "XA-1", ActionIncidentDiscard, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.DiscardDraft(ctx, rig.drafts[1])
		}},
		{"test session", ActTestSession, "XA-1", ActionTestResult, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.SaveTestResult(ctx, rig.meeting, "XA-1", []meeting.ItemResult{{Item: meeting.MeasuredItems[0], Passed: true}})
			return err
		}},
		{"record", ActRecord, "", ActionRecordingStart, room(func(ctx context.Context, r *Room) error { _, err := r.StartRecording(ctx); return err })},
		{"stop recording", ActRecord, "", ActionRecordingStop, room(func(ctx context.Context, r *Room) error { _, err := r.StopRecording(ctx); return err })},
		{"deliver recording", ActDeliverRecording, "", ActionRecordingDone, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.DeliverRecording(ctx, rig.recording, "UBND")
			return err
		}},
		{"roll call", ActRollCall, "", ActionRollCall, room(func(ctx context.Context, r *Room) error { _, err := r.RollCall(ctx); return err })},
		{"attend", ActRollCall, "XA-1", ActionAttendance, room(func(ctx context.Context, r *Room) error { return r.Attend(ctx, "XA-1", 7) })},
		{"admit", ActAdmit, "XA-2", ActionAdmit, room(func(ctx context.Context, r *Room) error { return r.Admit(ctx, "XA-2") })},
		{"lock", ActLock, "", ActionLock, room(func(ctx context.Context, r *Room) error { return r.Lock(ctx, true) })},
		{"unlock", ActLock, "", ActionUnlock, room(func(ctx context.Context, r *Room) error { return r.Lock(ctx, false) })},
		{"disconnect", ActDisconnect, "XA-1", ActionDisconnect, room(func(ctx context.Context, r *Room) error { return r.Disconnect(ctx, "XA-1", "test") })},
		{"dial", ActDial, "XA-1", ActionCallDial, func(ctx context.Context, rig *deskRig, d *Desk) error {
			rig.m.SetDialler(rig.dialler)
			return d.In(rig.conf).Dial(ctx, "XA-1")
		}},
		{"hang up", ActDial, "XA-1", ActionCallHangUp, room(func(ctx context.Context, r *Room) error { return r.HangUp(ctx, "XA-1") })},
		{"add booking", ActBookingAdd, "", ActionBookingAdd, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, _, err := d.AddBooking(ctx, rig.form, meeting.Filing{Override: "kiểm thử"})
			return err
		}},
		{"save group", ActBookingAdd, "", ActionGroupAdd, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.SaveGroup(ctx, meeting.GroupDraft{ID: "nhom-" + strings.TrimPrefix(d.id.Actor, "ssh:"), Name: "Nhóm " + d.id.Actor,
				Sites: []string{"XA-1"}}, false)
		}},
		{"edit booking", ActBookingEdit, "", ActionBookingEdit, func(ctx context.Context, rig *deskRig, d *Desk) error {
			f := rig.form
			f.Content = "Họp giao ban (sửa)"
			b, err := rig.st.Booking(ctx, rig.booking)
			if err != nil {
				return err
			}
			_, err = d.EditBooking(ctx, rig.booking, f, meeting.Filing{Override: "kiểm thử", Base: &b})
			return err
		}},
		{"booking step", ActBookingStep, "", BookingStepAction(meeting.StepConfirmed), func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.StepBooking(ctx, rig.booking, meeting.StepConfirmed, "")
		}},
		{"import groups", ActBookingAdd, "", ActionGroupImport, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.ImportGroups(ctx, []meeting.GroupDraft{{ID: "tep-" + strings.TrimPrefix(d.id.Actor, "ssh:"), Name: "Tệp " + d.id.Actor,
				Sites: []string{"XA-1", "XA-2"}}})
		}},
		{"link booking", ActBookingStep, "", ActionBookingLink, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.LinkBooking(ctx, rig.booking, rig.meeting)
		}},
		{"add technician", ActTechnician, "", ActionTechnicianAdd, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.AddTechnician(ctx, store.Technician{Name: "Trần Văn C", UnitID: "XA-1", Phone: "0905000111", Trained: true})
			return err
		}},
		{"import technicians", ActTechnician, "", ActionTechnicianImport, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, _, err := d.ImportTechnicians(ctx, strings.NewReader("name,unit_id,phone,email,trained,trained_at\nPhạm Thị D,XA-2,0905000222,,yes,\n"))
			return err
		}},
		{"import calendar", ActCalendar, "", ActionCalendarImport, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.ImportCalendar(ctx, strings.NewReader("date,kind,name\n2026-12-24,holiday,Ngày nghỉ riêng của tỉnh\n"))
			return err
		}},
		{"import registry", ActRegistry, "", ActionRegistryImport, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.ImportBridgePoints(ctx, strings.NewReader("id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\n"+
				"XA-4,Xã 4,XA-4,Xã 4,commune,sub,,,10.60.9.4\n"), "vi")
			if err == nil {
				_, err = rig.st.BridgePoint(ctx, "XA-4")
			}
			return err
		}},
		{"rotate secret", ActRegistry, "", ActionSecretRotate, func(ctx context.Context, rig *deskRig, d *Desk) error {
			secret, err := d.RotateSecret(ctx, "XA-4")
			if err == nil && secret == "" {
				err = errors.New("no secret")
			}
			return err
		}},
		{"trust SIP address", ActRegistry, "", ActionSIPTrust, func(ctx context.Context, rig *deskRig, d *Desk) error {
			if err := d.SetSIPAddressTrust(ctx, "XA-4", true); err != nil {
				return err
			}
			if c, err := rig.st.SIPCredential(ctx, "XA-4"); err != nil || !c.TrustAddress {
				return fmt.Errorf("not trusted: %+v %v", c, err)
			}
			return nil
		}},
		{"open meeting", ActOpenMeeting, "", ActionOpen, func(ctx context.Context, rig *deskRig, d *Desk) error {
			_, err := d.OpenAdhoc(ctx, Adhoc{Title: "Họp đột xuất", Main: "XA-3", Sites: []string{"XA-3"}})
			return err
		}},
		{"close meeting", ActCloseMeeting, "", ActionLogClose, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.CloseMeeting(ctx, rig.meeting, []store.MeetingLogEntry{})
		}},
		{"submit log", ActCloseMeeting, "", ActionLogSubmit, func(ctx context.Context, rig *deskRig, d *Desk) error {
			return d.SubmitLog(ctx, rig.meeting)
		}},
	}
}

// deskRig is a live meeting held at UBND with XA-1 connected over loopback WebRTC and asking
// to speak, XA-2 knocking at the door, two incident drafts, a stopped recording and a booking.
type deskRig struct {
	dialler   *testDialler // the room systems' dialler (calls_test.go)
	st        *store.Store
	m         *Manager
	conf      *mcu.Conference
	meeting   int64
	start     time.Time
	drafts    []store.Incident
	recording int64
	booking   int64
	form      meeting.BookingForm
}

const deskSecret = "s-desk"

// deskCreds know UBND, XA-1 and XA-2 with one secret.
type deskCreds struct{}

func (deskCreds) VerifyJoin(_ context.Context, bp, secret string) (bool, bool, error) {
	known := bp == "UBND" || bp == "XA-1" || bp == "XA-2" || bp == "XA-3"
	return known, known && secret == deskSecret, nil
}

func newDeskRig(t *testing.T) *deskRig {
	t.Helper()
	ctx := context.Background()
	st, _, log := liveRig(t)
	mc, err := mcu.New(mcu.Config{Loopback: true, RecordingsDir: filepath.Join(t.TempDir(), "rec")}, st, deskCreds{}, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mc.Close() })
	srv := httptest.NewServer(mc.Handler())
	t.Cleanup(srv.Close)
	r := &deskRig{st: st, m: New(Config{Store: st, MCU: mc, Log: log}), start: time.Now(), dialler: &testDialler{}}
	t.Cleanup(r.m.Stop)
	if err := st.ImportRegistry(ctx, []store.Unit{{ID: "UBND", Name: "UBND tỉnh", Kind: "province"}, {ID: "XA-1", Name: "Xã 1", Kind: "commune"},
		{ID: "XA-2", Name: "Xã 2", Kind: "commune"}, {ID: "XA-3", Name: "Xã 3", Kind: "commune"}},
		[]store.BridgePoint{{ID: "UBND", Name: "Phòng họp UBND", UnitID: "UBND", Role: "main"}, {ID: "XA-1", Name: "Xã 1", UnitID: "XA-1", Role: "sub"},
			{ID: "XA-2", Name: "Xã 2", UnitID: "XA-2", Role: "sub"}, {ID: "XA-3", Name: "Xã 3", UnitID: "XA-3", Role: "sub"}}); err != nil {
		t.Fatal(err)
	}
	bps, err := st.BridgePoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var members []store.BridgePoint
	for _, bp := range bps {
		if bp.ID == "UBND" || bp.ID == "XA-1" {
			members = append(members, bp)
		}
	}
	if r.conf, err = r.m.Open(ctx, Spec{Meeting: store.Meeting{Title: "Họp giao ban", HostUnit: "UBND", MainBP: "UBND"},
		Members: members, Actor: "console:setup"}); err != nil {
		t.Fatal(err)
	}
	r.meeting = r.conf.Snapshot().MeetingID
	clips, err := softep.LoadTestdataClips()
	if err != nil {
		t.Fatal(err)
	}
	site := func(id string) *softep.Endpoint {
		return softep.New(softep.Config{URL: srv.URL, ID: id, Token: deskSecret, Clips: clips,
			Attendees: 5, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	}
	xa1 := site("XA-1")
	if err := xa1.Join(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = xa1.Leave(context.Background()) })
	if err := site("XA-2").Join(ctx); err == nil {
		t.Fatal("XA-2 joined a meeting it is not expected in")
	}
	if _, err := r.conf.RaiseRequest(ctx, "console:setup", "XA-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.conf.StartRecording(ctx, "console:setup"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.conf.StopRecording(ctx, "console:setup"); err != nil {
		t.Fatal(err)
	}
	recs, err := st.Recordings(ctx, r.meeting)
	if err != nil || len(recs) != 1 {
		t.Fatalf("recordings %+v %v", recs, err)
	}
	r.recording = recs[0].ID
	for i := 0; i < 2; i++ {
		in := store.Incident{MeetingID: r.meeting, BridgePoint: "XA-1", Kind: "video", Description: "mất hình",
			StartedAt: r.start, ReportedBy: "system", Status: "draft"}
		if in.ID, err = st.SaveIncidentAudited(ctx, in, store.AuditEntry{At: r.start, Actor: "system",
			Action: string(ActionIncidentDraft)}); err != nil {
			t.Fatal(err)
		}
		r.drafts = append(r.drafts, in)
	}
	day := r.start.AddDate(0, 0, 21)
	for day.Weekday() != time.Tuesday {
		day = day.AddDate(0, 0, 1)
	}
	r.form = meeting.BookingForm{Kind: "b", LegalBasis: meeting.LegalBasis{Number: "12/UBND", Date: "2026-01-05", Issuer: "UBND tỉnh"},
		HostUnit: "UBND", Content: "Họp giao ban", Chair: meeting.Person{Name: "Nguyễn Văn A", Title: "Chủ tịch"},
		Start: day.Format("2006-01-02") + " 09:00", End: day.Format("2006-01-02") + " 11:00",
		Technician: meeting.Person{Name: "Lê Thị B", Phone: "0905123456"}, HeadOfUnit: "Nguyễn Văn A",
		BridgePoints: []meeting.FormPoint{{ID: "XA-1", Attendees: 10, Contact: meeting.Person{Name: "Đầu mối", Phone: "0911"}}}}
	if r.booking, _, err = (&meeting.Desk{Store: st, Now: func() time.Time { return r.start }}).Register(ctx, r.form,
		meeting.Filing{Actor: "console:setup", Override: "kiểm thử"}); err != nil {
		t.Fatal(err)
	}
	return r
}

// request is the id of bp's speak request in the queue, 0 when none.
func (r *deskRig) request(bp string) int64 {
	for _, q := range r.conf.Snapshot().Requests {
		if q.BridgePoint == bp {
			return q.ID
		}
	}
	return 0
}

// rows are the audit rows written by actor, in every meeting and none.
func (r *deskRig) rows(t *testing.T, actor string) []store.AuditEntry {
	t.Helper()
	all, err := r.st.AuditLog(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []store.AuditEntry
	for _, e := range all {
		if e.Actor == actor {
			out = append(out, e)
		}
	}
	return out
}

// added are the rows of after not in before.
func added(before, after []store.AuditEntry) []store.AuditEntry {
	had := map[int64]bool{}
	for _, e := range before {
		had[e.ID] = true
	}
	var out []store.AuditEntry
	for _, e := range after {
		if !had[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

// wrote reports whether rows hold action a (any of the self actions for an empty a).
func wrote(rows []store.AuditEntry, a Action) bool {
	for _, e := range rows {
		if a == "" && strings.Contains(e.Action, "mute") || a != "" && Action(e.Action) == a {
			return true
		}
	}
	return false
}

// sameRoom reports whether nothing a person controls changed between two snapshots.
func sameRoom(a, b mcu.Snapshot) bool {
	if a.Locked != b.Locked || len(a.Requests) != len(b.Requests) || len(a.Knocks) != len(b.Knocks) ||
		len(a.Participants) != len(b.Participants) {
		return false
	}
	for i := range a.Participants {
		p, q := a.Participants[i], b.Participants[i]
		if p.ID != q.ID || p.Mute != q.Mute || p.Floor != q.Floor || p.Connected != q.Connected {
			return false
		}
	}
	return true
}

// TestDeskErrorsHaveTheirKind: the facade's refusals match their kind with errors.Is, keep the
// engine's error in the chain, and speak the user's language when the role is refused.
func TestDeskErrorsHaveTheirKind(t *testing.T) {
	ctx := context.Background()
	st, mc, log := liveRig(t)
	m := New(Config{Store: st, MCU: mc, Log: log, Lang: "en"})
	defer m.Stop()
	bps, err := st.BridgePoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conf, err := m.Open(ctx, Spec{Meeting: store.Meeting{Title: "Họp", HostUnit: "UBND", MainBP: "UBND"}, Members: bps, Actor: "console:an"})
	if err != nil {
		t.Fatal(err)
	}
	id := conf.Snapshot().MeetingID
	control := m.As(Identity{Actor: "console:an"})
	if err := control.In(conf).Mute(ctx, "XA-9"); !errors.Is(err, ErrNotFound) || !errors.Is(err, mcu.ErrUnknownBridgePoint) {
		t.Errorf("mute of a bridge point not in the meeting: %v, want ErrNotFound and mcu's error", err)
	}
	if err := control.In(conf).Forward(ctx, 99); !errors.Is(err, ErrNotFound) {
		t.Errorf("forward of no request: %v, want ErrNotFound", err)
	}
	draft := store.Incident{MeetingID: id, BridgePoint: "XA-1", Kind: "video", Description: "mất hình", StartedAt: time.Now(),
		ReportedBy: "system", Status: "draft"}
	if draft.ID, err = st.SaveIncidentAudited(ctx, draft, store.AuditEntry{At: time.Now(), Actor: "system", Action: string(ActionIncidentDraft)}); err != nil {
		t.Fatal(err)
	}
	if err := control.CloseMeeting(ctx, id, []store.MeetingLogEntry{}); err != nil {
		t.Fatal(err)
	}
	if err := control.SubmitLog(ctx, id); !errors.Is(err, ErrDraftsPending) || !errors.Is(err, store.ErrDraftsPending) {
		t.Errorf("submit with a draft waiting: %v, want ErrDraftsPending", err)
	}
	if err := control.DiscardDraft(ctx, draft); err != nil {
		t.Fatal(err)
	}
	if err := control.SubmitLog(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := control.SaveIncident(ctx, store.Incident{MeetingID: id, BridgePoint: "XA-1", Kind: "audio", Description: "x",
		StartedAt: time.Now(), ReportedBy: "console:an", Status: "open"}, false); !errors.Is(err, ErrLogClosed) {
		t.Errorf("an incident after the log was submitted: %v, want ErrLogClosed", err)
	}
	if err := control.CloseMeeting(ctx, id, nil); !errors.As(err, new(*NotLiveError)) {
		t.Errorf("closing a meeting no longer live: %v, want *NotLiveError", err)
	}
	viewer := m.As(Identity{Actor: "ssh:xem", Role: RoleViewer})
	err = viewer.StepBooking(ctx, 1, meeting.StepConfirmed, "")
	var refused *RefusedError
	if !errors.Is(err, ErrNotPermitted) || !errors.As(err, &refused) || refused.Act != ActBookingStep ||
		!strings.Contains(err.Error(), "may not") {
		t.Errorf("a viewer's booking step: %v, want a *RefusedError in English", err)
	}
	operator := m.As(Identity{Actor: "ssh:op", Role: RoleOperator, BridgePoint: "XA-1"})
	if _, err := operator.SaveIncident(ctx, store.Incident{MeetingID: id, BridgePoint: "XA-2"}, false); !errors.Is(err, ErrNotPermitted) ||
		!strings.Contains(err.Error(), "own bridge point (XA-1)") {
		t.Errorf("an operator's incident for another site: %v", err)
	}
}
