package meeting

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"time"

	"diemcau/store"
)

func TestPrefillCloseAndReportLog(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, Zone())
	st, mid := floorStore(t, t0)
	if _, err := st.SaveIncident(ctx, store.Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "audio",
		Description: "Micro rè | tiếng vọng", StartedAt: t0.Add(10 * time.Minute), Status: "open"}); err != nil {
		t.Fatal(err)
	}
	oid, err := st.OpenOutage(ctx, store.Outage{MeetingID: mid, BridgePoint: "XA-DAKDOA", Cause: "disconnected", StartedAt: t0.Add(20 * time.Minute)})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.EndOutage(ctx, oid, t0.Add(22*time.Minute)); err != nil {
		t.Fatal(err)
	}
	entries, err := PrefillLog(ctx, st, mid, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 || entries[0].BridgePoint != "UBND-TINH" || !entries[0].Main {
		t.Fatalf("entries = %+v, want 3 with the main first", entries)
	}
	if e := entries[1]; e.Status != store.LogIncident || !strings.Contains(e.IncidentText, "Micro rè") {
		t.Errorf("Ia Grai entry = %+v, want incident with its description", e)
	}
	if e := entries[2]; e.Status != store.LogIncident || e.Interruption != 2*time.Minute {
		t.Errorf("Đak Đoa entry = %+v, want incident with 2 min interruption", e)
	}
	if entries[0].Status != store.LogNormal {
		t.Errorf("main entry = %+v, want normal", entries[0])
	}
	if _, err := LoadLog(ctx, st, mid, "vi"); err == nil {
		t.Error("LoadLog of a live meeting succeeded")
	}
	entries[1].Microphone = store.LogDamaged
	if err := CloseLog(ctx, st, mid, entries, "console:an", t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := Editable(ctx, st, mid); !ok {
		t.Error("incidents not editable after the close, before the log is submitted")
	}
	if err := SubmitLog(ctx, st, mid, "console:an", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if ok, _ := Editable(ctx, st, mid); ok {
		t.Error("incidents still editable after the log was submitted")
	}
	l, err := LoadLog(ctx, st, mid, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if l.Total != 2*time.Minute || l.HostName != "Văn phòng UBND tỉnh Gia Lai" {
		t.Errorf("log total %v host %q", l.Total, l.HostName)
	}
	for _, format := range LogFormats {
		var b bytes.Buffer
		if err := WriteLog(&b, l, format, "vi"); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		out := b.String()
		for _, want := range []string{"Phòng họp UBND tỉnh", "Xã Ia Grai", "Xã Đak Đoa", "Micro rè", "Họp giao ban"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s report lacks %q:\n%s", format, want, out)
			}
		}
		if format == "csv" {
			if _, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil && !strings.Contains(err.Error(), "wrong number of fields") {
				t.Errorf("csv: %v", err)
			}
			continue
		}
		for _, want := range []string{"MẪU NHẬT KÝ TRIỂN KHAI HỌP TRỰC TUYẾN", "Điểm cầu chính", "Điểm cầu phụ", "2 phút 00 giây", "hư hỏng",
			"Nhật ký đã nộp lúc 10:00 26/11/2026"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s report lacks %q:\n%s", format, want, out)
			}
		}
	}
	var md bytes.Buffer
	_ = WriteLog(&md, l, "md", "vi")
	if !strings.Contains(md.String(), `Micro rè \| tiếng vọng`) {
		t.Errorf("a | in a description breaks the Markdown table:\n%s", md.String())
	}
	// The CSV's status and device columns are words of the reader's language.
	for lang, want := range map[string][]string{
		"vi": {",mã,", ",sự cố,", ",hư hỏng,", ",bình thường,"},
		"en": {",id,", ",normal,", ",incident,", ",damaged,"},
	} {
		var cs bytes.Buffer
		if err := WriteLog(&cs, l, "csv", lang); err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(cs.String(), w) {
				t.Errorf("%s CSV lacks %q:\n%s", lang, w, cs.String())
			}
		}
		if lang == "vi" && (strings.Contains(cs.String(), "incident") || strings.Contains(cs.String(), "normal")) {
			t.Errorf("Vietnamese CSV has English codes:\n%s", cs.String())
		}
	}
	var en bytes.Buffer
	_ = WriteLog(&en, l, "md", "en")
	if !strings.Contains(en.String(), "ONLINE MEETING LOG") || !strings.Contains(en.String(), "Sub bridge points") {
		t.Errorf("English report:\n%s", en.String())
	}
	if err := WriteLog(&en, l, "pdf", "vi"); err == nil {
		t.Error("an unknown format was accepted")
	}
}

func TestLoadLogOfMeetingEndedWithoutClose(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, Zone())
	st, mid := floorStore(t, t0)
	if err := st.EndMeeting(ctx, mid, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	l, err := LoadLog(ctx, st, mid, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Entries) != 3 || l.Entries[0].ConfirmedBy != "" {
		t.Errorf("entries of a meeting ended without its log: %+v", l.Entries)
	}
	if !l.Incomplete {
		t.Error("a log never closed is not marked incomplete")
	}
}

// TestDraftsAreNotTheRecord: a draft never reaches Appendix II's rows; the report of a meeting
// ended without its close says the log is incomplete and lists the draft and the incident
// still in progress; a draft confirmed after the close joins the log; the log is submitted
// only once no draft waits.
func TestDraftsAreNotTheRecord(t *testing.T) {
	ctx := context.Background()
	t0 := time.Date(2026, 11, 26, 8, 0, 0, 0, Zone())
	st, mid := floorStore(t, t0)
	draftID, err := st.SaveIncident(ctx, store.Incident{MeetingID: mid, BridgePoint: "XA-IAGRAI", Kind: "line",
		Description: "Điểm cầu mất kết nối (tự động ghi nhận)", StartedAt: t0.Add(5 * time.Minute), ReportedBy: "system", Status: "draft"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveIncident(ctx, store.Incident{MeetingID: mid, BridgePoint: "XA-DAKDOA", Kind: "audio",
		Description: "Micro rè", StartedAt: t0.Add(7 * time.Minute), Status: "open"}); err != nil {
		t.Fatal(err)
	}
	entries, err := PrefillLog(ctx, st, mid, t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.IncidentText, "mất kết nối") {
			t.Errorf("a draft reached the proposed log: %+v", e)
		}
	}
	// Ended without the close: incomplete, the draft and the open incident listed as pending.
	if err := st.EndMeeting(ctx, mid, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	l, err := LoadLog(ctx, st, mid, "vi")
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range LogFormats {
		var b bytes.Buffer
		if err := WriteLog(&b, l, format, "vi"); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		for _, want := range []string{"NHẬT KÝ CHƯA HOÀN TẤT", "Sự cố chưa xử lý",
			"nháp: Xã Ia Grai (XA-IAGRAI) 08:05 26/11/2026 Điểm cầu mất kết nối", "đang xử lý: "} {
			if !strings.Contains(out, want) {
				t.Errorf("%s report of an incomplete log lacks %q:\n%s", format, want, out)
			}
		}
	}
	if err := SubmitLog(ctx, st, mid, "console:an", t0.Add(2*time.Hour)); !errors.Is(err, store.ErrDraftsPending) {
		t.Fatalf("submit with a draft waiting: %v, want ErrDraftsPending", err)
	}
	draft, err := st.Incident(ctx, draftID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ConfirmDraft(ctx, st, draft, "console:an", t0.Add(90*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := SubmitLog(ctx, st, mid, "console:an", t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if l, err = LoadLog(ctx, st, mid, "vi"); err != nil {
		t.Fatal(err)
	}
	for _, in := range l.Pending {
		if in.Status != "open" {
			t.Errorf("pending after the confirmation and the submission: %+v, want only incidents in progress", in)
		}
	}
}
