package tui

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestIncidentSavedWithAudit(t *testing.T) {
	f := newFixture(t, 2)
	m := f.model(t, "vi", 80, 24)
	press(t, m, "down", "i")
	if m.form() == nil {
		t.Fatal("i did not open the incident form")
	}
	if got := m.form().Value(fieldBridgePoint); got != f.members[1].ID {
		t.Fatalf("bridge point prefilled %q, want %q", got, f.members[1].ID)
	}
	press(t, m, strings.Split("Mất tiếng", "")...)
	press(t, m, "shift+tab", "right", "ctrl+s") // kind: line → audio
	if m.form() != nil {
		t.Fatalf("form still open: %v", m.form().Errors())
	}
	ctx := context.Background()
	incs, err := f.st.Incidents(ctx, f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 || incs[0].Description != "Mất tiếng" || incs[0].Kind != "audio" ||
		incs[0].BridgePoint != f.members[1].ID || incs[0].ReportedBy != testActor || incs[0].Status != "open" {
		t.Fatalf("incidents = %+v", incs)
	}
	audit, err := f.st.AuditLog(ctx, f.meeting)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range audit {
		found = found || a.Action == "incident_save" && a.Actor == testActor && a.BridgePoint == f.members[1].ID
	}
	if !found {
		t.Fatalf("no incident_save in audit %+v", audit)
	}
	if w, ok := contains(m.View(), "Đã ghi sự cố #"); !ok {
		t.Fatalf("event line %q missing:\n%s", w, plain(m.View()))
	}
}

func TestIncidentEmptyDescriptionRefused(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "vi", 80, 24)
	press(t, m, "i", "tab", "tab", "tab", "x", "ctrl+s") // junk in "Xử lý", no description
	if m.form() == nil {
		t.Fatal("form closed on an invalid incident")
	}
	if w, ok := contains(m.View(), "Mô tả: không được để trống"); !ok {
		t.Fatalf("missing %q in\n%s", w, plain(m.View()))
	}
	if got := m.form().Value(fieldAction); got != "x" {
		t.Fatalf("form lost what was typed: %q", got)
	}
	incs, err := f.st.Incidents(context.Background(), f.meeting)
	if err != nil || len(incs) != 0 {
		t.Fatalf("stored %+v (err %v)", incs, err)
	}
}

func TestTypingQAndMInFormDoesNotAct(t *testing.T) {
	f := newFixture(t, 1)
	m := f.model(t, "vi", 80, 24)
	msgs := press(t, m, "i", "q", "m", "M")
	if hasQuit(msgs) || m.confirm() != nil {
		t.Fatal("q in the form asked to quit")
	}
	if got := m.form().Value(fieldDescription); got != "qmM" {
		t.Fatalf("description = %q, want qmM", got)
	}
	for _, p := range f.conf.Snapshot().Participants {
		if p.Mute != "" {
			t.Fatalf("m in the form muted %s", p.ID)
		}
	}
	press(t, m, "esc")
	if m.form() != nil {
		t.Fatal("esc did not close the form")
	}
}

func TestIncidentFormValidation(t *testing.T) {
	c := NewCommon(context.Background(), nil, "vi", testActor)
	now := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	members := map[string]string{"XA-1": "Xã 1"}
	tests := []struct {
		name  string
		set   map[formField]string
		state int
		want  string
	}{
		{"ok", map[formField]string{fieldDescription: "mất hình"}, 0, ""},
		{"bad start", map[formField]string{fieldDescription: "a", fieldStarted: "25:99"}, 0, "Bắt đầu: giờ không hợp lệ, dùng HH:MM"},
		{"end before start", map[formField]string{fieldDescription: "a", fieldEnded: "09:00"}, 0, "Kết thúc: phải sau giờ bắt đầu"},
		{"resolved needs end", map[formField]string{fieldDescription: "a"}, 1, "Kết thúc: cần nhập khi sự cố đã khắc phục"},
		{"unknown bp", map[formField]string{fieldDescription: "a", fieldBridgePoint: "XA-9"}, 0, `Điểm cầu: "XA-9" không có trong cuộc họp`},
		{"no reporter", map[formField]string{fieldDescription: "a", fieldReporter: " "}, 0, "Người báo: không được để trống"},
		{"full date", map[formField]string{fieldDescription: "a", fieldStarted: "2026-11-26 08:00", fieldEnded: "10:15"}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			form := NewIncidentForm(c, "XA-1", members, 7, now)
			for field, v := range tt.set {
				form.inputs[field].SetValue(v)
			}
			form.status = tt.state
			inc, errs := form.validate()
			form.errs = errs
			got := strings.Join(form.Errors(), "; ")
			if !strings.Contains(got, tt.want) || (tt.want == "") != (got == "") {
				t.Fatalf("errors %q, want %q", got, tt.want)
			}
			if tt.want == "" && (inc.MeetingID != 7 || inc.StartedAt.IsZero()) {
				t.Fatalf("incident %+v", inc)
			}
		})
	}
}

func TestParseWhen(t *testing.T) {
	ref := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"08:05", time.Date(2026, 11, 26, 8, 5, 0, 0, time.UTC), true},
		{"2026-11-25 23:59", time.Date(2026, 11, 25, 23, 59, 0, 0, time.UTC), true},
		{"25/11/2026 07:00", time.Date(2026, 11, 25, 7, 0, 0, 0, time.UTC), true},
		{"8h", time.Time{}, false},
		{"", time.Time{}, false},
	}
	for _, tt := range tests {
		got, err := parseWhen(tt.in, ref)
		if (err == nil) != tt.ok || !got.Equal(tt.want) {
			t.Errorf("parseWhen(%q) = %v, %v", tt.in, got, err)
		}
	}
}
