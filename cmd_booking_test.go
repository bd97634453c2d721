package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"diemcau/endpoints"
	"diemcau/meeting"
	"diemcau/store"
)

// bookingRig is a database with the sample registry and a cli writing into buffers.
type bookingRig struct {
	t        *testing.T
	dir, db  string
	out, err bytes.Buffer
}

func newBookingRig(t *testing.T) *bookingRig {
	t.Helper()
	r := &bookingRig{t: t, dir: t.TempDir()}
	r.db = filepath.Join(r.dir, "diemcau.db")
	ctx := context.Background()
	st, err := store.Open(ctx, r.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := importFile(ctx, endpoints.NewRegistry(st), filepath.Join("testdata", "registry-gialai.csv"), "vi"); err != nil {
		t.Fatal(err)
	}
	return r
}

// run runs one command (booking, technician or report) and returns its error.
func (r *bookingRig) run(args ...string) error {
	r.out.Reset()
	r.err.Reset()
	c := cli{out: &r.out, errOut: &r.err}
	args = append(args, "--db", r.db)
	switch args[0] {
	case "booking":
		return c.booking(context.Background(), args[1:])
	case "technician":
		return c.technician(context.Background(), args[1:])
	case "group":
		return c.group(context.Background(), args[1:])
	case "calendar":
		return c.calendarCmd(context.Background(), args[1:])
	case "report":
		return c.workflowReport(context.Background(), args[1:])
	}
	r.t.Fatalf("unknown command %q", args[0])
	return nil
}

// mustRun runs a command that must succeed.
func (r *bookingRig) mustRun(args ...string) string {
	r.t.Helper()
	if err := r.run(args...); err != nil {
		r.t.Fatalf("%v: %v\n%s", args, err, r.err.String())
	}
	return r.out.String()
}

// mustRefuse runs a command that must fail with a message on stderr, and returns the message.
func (r *bookingRig) mustRefuse(args ...string) string {
	r.t.Helper()
	if err := r.run(args...); !errors.Is(err, errUsage) {
		r.t.Fatalf("%v = %v, want a refusal\n%s", args, err, r.out.String())
	}
	return r.err.String()
}

// file writes a file into the rig's folder and returns its path.
func (r *bookingRig) file(name, text string) string {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		r.t.Fatal(err)
	}
	return p
}

// formFile writes the sample form moved to start days from now at 08:00, lasting 2 hours.
func (r *bookingRig) formFile(name string, days int, edit func(map[string]any)) string {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "booking-sample.json"))
	if err != nil {
		r.t.Fatal(err)
	}
	var f map[string]any
	if err := json.Unmarshal(b, &f); err != nil {
		r.t.Fatal(err)
	}
	day := time.Now().In(meeting.Zone()).AddDate(0, 0, days)
	f["start"] = day.Format("2006-01-02") + " 08:00"
	f["end"] = day.Format("2006-01-02") + " 10:00"
	if edit != nil {
		edit(f)
	}
	out, _ := json.Marshal(f)
	return r.file(name, string(out))
}

func TestBookingCommands(t *testing.T) {
	r := newBookingRig(t)
	form := r.formFile("form.json", 20, nil)
	if out := r.mustRun("booking", "add", form, "--actor", "an"); !strings.Contains(out, "Đã ghi đăng ký #1.") {
		t.Fatalf("add: %s", out)
	}
	if msg := r.mustRefuse("booking", "add", form); !strings.Contains(msg, "trùng lịch") || !strings.Contains(msg, "cuộc họp #1") {
		t.Fatalf("clash: %s", msg)
	}
	out := r.mustRun("booking", "add", "--override", "Chủ tịch chỉ đạo", "--actor", "binh", form, "--lang", "en")
	if !strings.Contains(out, "Booking #2 recorded.") || !strings.Contains(out, "clash accepted") {
		t.Fatalf("override: %s", out)
	}
	bad := r.formFile("bad.json", 20, func(f map[string]any) { f["end"] = "2020-01-01 00:00"; f["room_name"] = "x" })
	if msg := r.mustRefuse("booking", "add", bad, "--lang", "en"); !strings.Contains(msg, "room_name: not a field") {
		t.Fatalf("unknown field: %s", msg)
	}
	bad = r.formFile("bad2.json", 20, func(f map[string]any) { f["end"] = "2020-01-01 00:00" })
	if msg := r.mustRefuse("booking", "add", bad); !strings.Contains(msg, "thời gian kết thúc (end): kết thúc") {
		t.Fatalf("end before start: %s", msg)
	}
	list := r.mustRun("booking", "list", "--lang", "en")
	if !strings.Contains(list, "#1") || !strings.Contains(list, "#2") || !strings.Contains(list, "Department confirms") ||
		strings.Contains(list, "\x1b[") || strings.Count(list, "\n") != 4 {
		t.Fatalf("list:\n%s", list)
	}
	if out := r.mustRun("booking", "confirm", "1", "--actor", "so.khcn", "--note", "CV 45"); !strings.Contains(out, "Sở đã xác nhận") {
		t.Fatalf("confirm: %s", out)
	}
	if msg := r.mustRefuse("booking", "test-done", "1", "--lang", "en"); !strings.Contains(msg, "must come first") {
		t.Fatalf("order: %s", msg)
	}
	show := r.mustRun("booking", "show", "1")
	for _, want := range []string{"PHIẾU ĐĂNG KÝ", "Hội nghị triển khai chuyển đổi số", "so.khcn (CV 45)", "Trạng thái: Sở đã xác nhận"} {
		if !strings.Contains(show, want) {
			t.Fatalf("show lacks %q:\n%s", want, show)
		}
	}
	moved := r.formFile("moved.json", 21, nil)
	if out := r.mustRun("booking", "edit", "1", moved); !strings.Contains(out, "trở về «đã đăng ký»") {
		t.Fatalf("edit: %s", out)
	}
	if msg := r.mustRefuse("booking", "show", "99"); !strings.Contains(msg, "không có đăng ký #99") {
		t.Fatalf("unknown id: %s", msg)
	}
	if msg := r.mustRefuse("booking", "frobnicate"); !strings.Contains(msg, "booking add") {
		t.Fatalf("usage: %s", msg)
	}
	r.mustRun("booking", "cancel", "2", "--note", "trùng lịch")
	if due := r.mustRun("booking", "due"); strings.Contains(due, "#2") {
		t.Fatalf("a cancelled booking is due:\n%s", due)
	}
	st, err := store.Open(context.Background(), r.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, _ := st.AuditLog(context.Background(), 0)
	actions := []string{}
	for _, e := range log {
		actions = append(actions, e.Action+"/"+e.Actor)
	}
	want := "booking_add/an booking_add/binh booking_override/binh booking_confirmed/so.khcn booking_edit/" + defaultActor() + " booking_cancelled/" + defaultActor()
	if strings.Join(actions, " ") != want {
		t.Fatalf("audit = %v, want %s", actions, want)
	}
}

func TestWorkflowReportsAndTechnicians(t *testing.T) {
	r := newBookingRig(t)
	r.mustRun("booking", "add", r.formFile("form.json", 20, nil))
	if html := r.mustRun("report", "booking", "1", "--format", "html"); !strings.Contains(html, "<html lang=\"vi\">") ||
		!strings.Contains(html, "UBND xã Ia Grai (XA-IAGRAI)") {
		t.Fatalf("report booking html:\n%s", html)
	}
	bad := r.file("bad.csv", "name,unit_id,phone,email,trained,trained_at\nAn,SO-KHCN,,,yes,\nBình,KHONG-CO,,,yes,\n")
	if msg := r.mustRefuse("technician", "import", bad); !strings.Contains(msg, "dòng 3, cột unit_id") {
		t.Fatalf("bad import: %s", msg)
	}
	if list := r.mustRun("technician", "list", "--lang", "en"); !strings.Contains(list, "roster is empty") {
		t.Fatalf("a bad file imported something:\n%s", list)
	}
	good := r.file("good.csv", "name,unit_id,phone,email,trained,trained_at\nAn,SO-KHCN,0905123456,an@gialai.gov.vn,yes,2025-10-01\nBình,SO-KHCN,,,yes,\nChâu,XA-IAGRAI,,,no,\n")
	if out := r.mustRun("technician", "import", good); !strings.Contains(out, "3 người mới") || !strings.Contains(r.err.String(), "Cảnh báo (Điều 6.6)") {
		t.Fatalf("import: %s / %s", out, r.err.String())
	}
	if out := r.mustRun("technician", "add", "--name", "Dũng", "--unit", "XA-IAGRAI", "--trained", "--trained-at", "2026-01-05"); !strings.Contains(out, "#4") {
		t.Fatalf("add: %s", out)
	}
	if msg := r.mustRefuse("technician", "add", "--name", "E", "--unit", "KHONG-CO"); !strings.Contains(msg, "--unit") {
		t.Fatalf("add to unknown unit: %s", msg)
	}
	csvOut := r.mustRun("report", "technicians", "--format", "csv")
	if !strings.Contains(csvOut, "Dũng,XA-IAGRAI,,,có,2026-01-05") || strings.Count(csvOut, "\n") != 5 {
		t.Fatalf("technicians csv:\n%s", csvOut)
	}
	year := strconv.Itoa(time.Now().In(meeting.Zone()).Year())
	md := r.mustRun("report", "annual", "--year", year)
	if !strings.Contains(md, "Phụ lục III") || !strings.Contains(md, "| Xã Ia Grai (XA-IAGRAI) | 1 |") || strings.Contains(md, "(SO-KHCN) |") {
		t.Fatalf("annual:\n%s", md)
	}
	if msg := r.mustRefuse("report", "annual", "--format", "pdf"); !strings.Contains(msg, "pdf") {
		t.Fatalf("bad format: %s", msg)
	}
}
