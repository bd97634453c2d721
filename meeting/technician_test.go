package meeting

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"diemcau/store"
)

func TestImportTechniciansFile(t *testing.T) {
	ctx := context.Background()
	now := vn(2026, 3, 2, 9, 0)
	d, _ := bookingDesk(t, now)
	bad := "name,unit_id,phone,email,trained,trained_at\n" +
		"Nguyễn Văn An,SO-KHCN,0905 123 456,an@gialai.gov.vn,có,2025-10-01\n" +
		",XA-IAGRAI,,,no,\n" +
		"Lê Thị Bình,XA-KHONGCO,abc,binh@,maybe,2025-13-01\n" +
		"Nguyễn Văn An,SO-KHCN,,,yes,\n" +
		"Trần C,SO-NV,,,no,2025-01-01\n" +
		"Đinh D,SO-NV,,,yes,2027-01-01\n" +
		"too,few\n"
	_, _, err := ImportTechnicians(ctx, d.Store, strings.NewReader(bad), "tester", now)
	var fe *TechnicianFileError
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v", err)
	}
	want := []struct {
		line  int
		field string
	}{{3, "name"}, {4, "unit_id"}, {4, "phone"}, {4, "email"}, {4, "trained"}, {4, "trained_at"}, {5, ""}, {6, "trained_at"}, {7, "trained_at"}, {8, ""}}
	if len(fe.Problems) != len(want) {
		t.Fatalf("problems:\n%s", fe.Message("en"))
	}
	for i, w := range want {
		if p := fe.Problems[i]; p.Line != w.line || p.Field != w.field {
			t.Errorf("problem %d = line %d %q, want line %d %q", i, p.Line, p.Field, w.line, w.field)
		}
	}
	if msg := fe.Message("vi"); !strings.Contains(msg, "dòng 4, cột unit_id: không có đơn vị \"XA-KHONGCO\"") || !strings.Contains(msg, "không nhập gì") {
		t.Fatalf("message:\n%s", msg)
	}
	if ts, _ := d.Store.Technicians(ctx); len(ts) != 0 {
		t.Fatalf("a bad file imported %d technicians", len(ts))
	}
	good := "\uFEFFName,Unit_ID,phone,email,trained,trained_at\r\n" +
		"Nguyễn Văn An,SO-KHCN,0905 123 456,an@gialai.gov.vn,có,2025-10-01\r\n" +
		"\"Rơ Chăm H'Nhi\",XA-IAGRAI,0987222333,,yes,\r\n" +
		"Phạm Thị Lan,SO-KHCN,,,không,\r\n"
	added, updated, err := ImportTechnicians(ctx, d.Store, strings.NewReader(good), "tester", now)
	if err != nil || added != 3 || updated != 0 {
		t.Fatalf("import = %d, %d, %v", added, updated, err)
	}
	r, err := LoadRoster(ctx, d.Store)
	if err != nil {
		t.Fatal(err)
	}
	gaps := map[string]int{}
	for _, g := range r.Gaps {
		gaps[g.UnitID] = g.Trained
	}
	if gaps["SO-KHCN"] != 1 || gaps["XA-IAGRAI"] != 1 || len(r.Gaps) != 7 {
		t.Fatalf("gaps = %+v", r.Gaps)
	}
	var md, cs, list, htm bytes.Buffer
	_ = WriteRoster(&md, r, "md", "vi")
	_ = WriteRoster(&cs, r, "csv", "vi")
	_ = WriteRoster(&htm, r, "html", "en")
	_ = WriteRosterTable(&list, r, "vi", false)
	if !hasLine(md.String(), "Nguyễn Văn An", "Sở Khoa học và Công nghệ (SO-KHCN)", "an@gialai.gov.vn", "có", "01/10/2025") ||
		!strings.Contains(md.String(), "> Cảnh báo: đơn vị Sở Khoa học và Công nghệ (SO-KHCN) chỉ có 1 cán bộ kỹ thuật đã tập huấn") {
		t.Fatalf("Markdown:\n%s", md.String())
	}
	if !strings.Contains(htm.String(), `class="warn">Warning: unit Xã Ia Grai (XA-IAGRAI) has only 1`) {
		t.Fatalf("HTML:\n%s", htm.String())
	}
	if !hasLine(list.String(), "Phạm Thị Lan", "chưa") || !strings.Contains(list.String(), "Cảnh báo") {
		t.Fatalf("list:\n%s", list.String())
	}
	// The CSV's trained column is có/không in Vietnamese, true/false in English.
	var csvEN bytes.Buffer
	_ = WriteRoster(&csvEN, r, "csv", "en")
	if !strings.Contains(cs.String(), ",có,2025-10-01") || !strings.Contains(cs.String(), ",không,") ||
		strings.Contains(cs.String(), "true") || !strings.Contains(csvEN.String(), ",true,2025-10-01") {
		t.Fatalf("CSV vi:\n%s\nCSV en:\n%s", cs.String(), csvEN.String())
	}
	// The CSV export imports back unchanged: three updates, nothing new.
	added, updated, err = ImportTechnicians(ctx, d.Store, strings.NewReader(cs.String()), "tester", now)
	if err != nil || added != 0 || updated != 3 {
		t.Fatalf("re-import = %d, %d, %v\n%s", added, updated, err, cs.String())
	}
	log, _ := d.Store.AuditLog(ctx, 0)
	if len(log) != 2 || log[0].Action != "technician_import" || log[0].Actor != "tester" {
		t.Fatalf("audit = %+v", log)
	}
}

func TestAddTechnicianChecks(t *testing.T) {
	ctx := context.Background()
	now := vn(2026, 3, 2, 9, 0)
	d, _ := bookingDesk(t, now)
	_, err := AddTechnician(ctx, d.Store, store.Technician{Name: "X", UnitID: "SO-KHCN", Email: "not-an-email"}, "tester", now)
	var fe *TechnicianFileError
	if !errors.As(err, &fe) || fe.Problems[0].Field != "email" {
		t.Fatalf("bad email: %v", err)
	}
	id, err := AddTechnician(ctx, d.Store, store.Technician{Name: "X", UnitID: "SO-KHCN", Trained: true, TrainedAt: vn(2026, 1, 5, 0, 0)}, "tester", now)
	if err != nil || id == 0 {
		t.Fatalf("add = %d, %v", id, err)
	}
	ts, _ := d.Store.Technicians(ctx)
	if len(ts) != 1 || !ts[0].TrainedAt.Equal(vn(2026, 1, 5, 0, 0)) {
		t.Fatalf("roster = %+v", ts)
	}
}
