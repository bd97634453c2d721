package main

import (
	"strings"
	"testing"
)

// TestCalendarCommand: calendar import stores days on top of the built-in calendar (listed
// with who imported them, Tết still there), a bad file is refused by line, and a booking in a
// year the calendar does not cover is refused with the reason unless overridden.
func TestCalendarCommand(t *testing.T) {
	r := newBookingRig(t)
	bad := r.file("bad.csv", "date,kind,name\n2026-13-01,holiday,x\n")
	if msg := r.mustRefuse("calendar", "import", bad); !strings.Contains(msg, "2026-13-01") {
		t.Fatalf("bad file: %s", msg)
	}
	good := r.file("good.csv", "date,kind,name\n2026-12-24,holiday,Ngày nghỉ riêng của tỉnh\n")
	if out := r.mustRun("calendar", "import", good, "--actor", "lan"); !strings.Contains(out, "Đã nạp 1 ngày") {
		t.Fatalf("import: %s", out)
	}
	list := r.mustRun("calendar", "list", "--year", "2026")
	if !hasLine(list, "2026-12-24", "Ngày nghỉ riêng của tỉnh", "nạp bởi lan") || !strings.Contains(list, "Tết Nguyên đán") || strings.Contains(list, "2027-") {
		t.Fatalf("list:\n%s", list)
	}
	far := r.formFile("far.json", 0, func(f map[string]any) {
		f["start"], f["end"] = "2028-03-15 08:00", "2028-03-15 10:00"
	})
	if msg := r.mustRefuse("booking", "add", far); !strings.Contains(msg, "năm 2028 không có trong lịch nghỉ lễ") || !strings.Contains(msg, "--override") {
		t.Fatalf("2028: %s", msg)
	}
	if out := r.mustRun("booking", "add", far, "--override", "đã thống nhất ngày"); !strings.Contains(out, "#1") {
		t.Fatalf("override: %s", out)
	}
}

// hasLine reports whether one line of text contains every part.
func hasLine(text string, parts ...string) bool {
	for _, l := range strings.Split(text, "\n") {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(l, p)
		}
		if all {
			return true
		}
	}
	return false
}
