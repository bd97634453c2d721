package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupRestoreCommandLine checks every wrong use of backup and restore gets a message in
// the user's language naming what is wrong, that nothing is written then, and that both
// commands appear in `diemcau help`.
func TestBackupRestoreCommandLine(t *testing.T) {
	f := newCLIFixture(t)
	out := filepath.Join(f.dir, "copy.db")
	notDB := filepath.Join(f.dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"backup", "--db", f.db}, "dùng: diemcau backup TỆP.db | --dir THƯ-MỤC"},
		{[]string{"backup", "--db", f.db, "--lang", "en"}, "usage: diemcau backup FILE.db | --dir DIR"},
		{[]string{"backup", out, "extra", "--db", f.db}, `thừa tham số "extra"`},
		{[]string{"backup", out, "--dir", f.dir, "--db", f.db, "--lang", "en"}, "give either FILE or --dir DIR, not both"},
		{[]string{"backup", "--dir", f.dir, "--keep", "0", "--db", f.db}, "--keep phải từ 1 trở lên"},
		{[]string{"backup", "--dir", f.dir, "--keep", "many", "--db", f.db}, `giá trị "many" không hợp lệ cho --keep`},
		{[]string{"backup", "--dir", filepath.Join(f.dir, "nope"), "--db", f.db}, "không phải một thư mục có sẵn"},
		{[]string{"backup", out, "--db", filepath.Join(f.dir, "none.db"), "--lang", "en"}, "there is no database"},
		{[]string{"backup", f.registry, "--db", f.db}, "đã có: sao lưu không ghi đè"},
		{[]string{"backup", out, "--db", notDB, "--lang", "en"}, "is not a diemcau database"},
		{[]string{"restore", "--db", f.db}, "dùng: diemcau restore TỆP.db"},
		{[]string{"restore", "a.db", "b.db", "--db", f.db, "--lang", "en"}, `unexpected argument "b.db"`},
		{[]string{"restore", filepath.Join(f.dir, "missing.db"), "--db", f.db}, "không có tệp"},
		{[]string{"restore", f.dir, "--db", f.db, "--lang", "en"}, "is a directory"},
		{[]string{"restore", notDB, "--db", f.db}, "không phải cơ sở dữ liệu của diemcau"},
		{[]string{"restore", f.registry, "--db", f.db, "--lang", "en"}, "is not a diemcau database"},
	}
	before, _ := os.ReadFile(f.db)
	for _, c := range cases {
		_, stderr, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", c.args, code, stderr, c.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused backup left a file")
	}
	if after, _ := os.ReadFile(f.db); string(before) != string(after) {
		t.Error("a refused restore changed the database")
	}
	for _, lang := range []string{"vi", "en"} {
		help, _, _ := runCLI(t, "help", "--lang", lang)
		if !strings.Contains(help, "diemcau backup") || !strings.Contains(help, "diemcau restore") {
			t.Errorf("help (%s) does not list backup and restore:\n%s", lang, help)
		}
	}
	stdout, stderr, code := runCLI(t, "backup", out, "--db", f.db)
	if code != 0 || !strings.Contains(stdout, "kiểm tra toàn vẹn: ok") {
		t.Fatalf("backup: %d %q %q", code, stdout, stderr)
	}
}
