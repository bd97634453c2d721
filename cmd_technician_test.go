package main

import (
	"strings"
	"testing"
)

// TestRosterSpeaksOnce: with the province's 156 units and no one trained, adding a technician
// prints one summary line of Article 6.6 (the count, and --verbose for the list); --verbose
// lists every unit; a bad flag is named as the flag, never as "line 1" of a file; the same
// person twice in a unit is refused, as said with other case or diacritics too.
func TestRosterSpeaksOnce(t *testing.T) {
	r := newBookingRig(t)
	out := r.mustRun("technician", "add", "--name", "Nguyễn Văn An", "--unit", "SO-KHCN", "--trained")
	if !strings.Contains(out, "#1") {
		t.Fatalf("add: %s", out)
	}
	warn := strings.TrimSpace(r.err.String())
	if strings.Count(warn, "\n") != 0 || !strings.Contains(warn, "156/156") || !strings.Contains(warn, "--verbose") ||
		!strings.Contains(warn, "155 đơn vị chưa có ai, 1 đơn vị có 1") {
		t.Fatalf("the roster warning is not one summary line:\n%s", warn)
	}
	list := r.mustRun("technician", "list", "--verbose")
	if n := strings.Count(list, "Điều 6.6"); n != 157 {
		t.Errorf("--verbose lists %d lines of Article 6.6, want the summary and 156 units", n)
	}
	if list := r.mustRun("technician", "list", "--lang", "en"); strings.Count(list, "Article 6.6") != 1 {
		t.Errorf("list without --verbose:\n%s", list)
	}
	msg := r.mustRefuse("technician", "add", "--name", "Bình", "--unit", "SO-KHCN", "--phone", "abc")
	if !strings.Contains(msg, "--phone: số điện thoại \"abc\" không hợp lệ") || strings.Contains(msg, "dòng") || strings.Contains(msg, "tệp") {
		t.Errorf("a bad flag is not named as the flag:\n%s", msg)
	}
	msg = r.mustRefuse("technician", "add", "--name", "Bình", "--unit", "SO-KHCN", "--trained-at", "15/03/2026")
	if !strings.Contains(msg, "--trained-at") || strings.Contains(msg, "dòng") {
		t.Errorf("a bad date flag:\n%s", msg)
	}
	for _, name := range []string{"Nguyễn Văn An", "nguyen van  an"} {
		msg = r.mustRefuse("technician", "add", "--name", name, "--unit", "SO-KHCN")
		if !strings.Contains(msg, "đã có cán bộ kỹ thuật «Nguyễn Văn An» (#1)") {
			t.Errorf("duplicate %q: %s", name, msg)
		}
	}
	if out := r.mustRun("technician", "add", "--name", "Nguyễn Văn An", "--unit", "XA-IAGRAI"); !strings.Contains(out, "#2") {
		t.Errorf("the same name in another unit: %s", out)
	}
}
