package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"diemcau/bench"
)

// testSigner is a fresh ed25519 SSH key.
func testSigner(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

// authorizedLine is signer's authorized_keys line with the given comment.
func authorizedLine(signer gossh.Signer, comment string) string {
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " " + comment + "\n"
}

// doctorKey is an authorized_keys line with a fresh key and the given comment.
func doctorKey(t *testing.T, comment string) string {
	t.Helper()
	return authorizedLine(testSigner(t), comment)
}

// TestDoctorGoodConfiguration checks a server set up as the README says: registry imported,
// keys for control and the main bridge point's host, a valid certificate naming the server,
// free ports, the calendar: no failure, exit 0, and the checks named.
func TestDoctorGoodConfiguration(t *testing.T) {
	f := newCLIFixture(t)
	keys := filepath.Join(f.dir, "authorized_keys")
	if err := os.WriteFile(keys, []byte(doctorKey(t, "role=control tech=an")+doctorKey(t, "role=host tech=binh bp=UBND-TINH")), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, key, _ := writeTestCert(t, f.dir, time.Now().Add(-time.Hour), time.Now().AddDate(1, 0, 0))
	udp, err := bench.FreeUDPPort()
	if err != nil {
		t.Fatal(err)
	}
	env := filepath.Join(f.dir, "diemcau.env")
	opts := "DIEMCAU_OPTS=\"--http 127.0.0.1:0 --ssh 127.0.0.1:0 --udp-port " + strconv.Itoa(udp) + " --lang en --tls-cert " + cert + " --tls-key " + key + "\"\n"
	if err := os.WriteFile(env, []byte("# settings\n"+opts), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "doctor", "--env", env, "--db", f.db, "--authorized-keys", keys, "--holidays", "meeting/holidays-vn.csv", "--min-free-gb", "0")
	if code != 0 || strings.Contains(stdout, "FAIL") {
		t.Fatalf("doctor on a good configuration: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, want := range []string{
		"OK    database " + f.db + ", schema version",
		"OK    registry: ", "main bridge point UBND-TINH",
		"OK    SSH keys: 1 control, 1 host, 0 operator, 0 viewer",
		"OK    the certificate " + cert + ` is valid for "127.0.0.1"`,
		"OK    port TCP 127.0.0.1:0 (--http)", "OK    UDP port " + strconv.Itoa(udp) + " receives datagrams",
		"OK    the holiday calendar meeting/holidays-vn.csv has the years 2025–2027",
		"The server is ready for a meeting.",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("doctor did not say %q:\n%s", want, stdout)
		}
	}
}

// TestDoctorBrokenConfiguration checks a server with everything wrong: no database, a key
// written role=Control (so no control key), an expired certificate, a holiday file that does not
// load, a disk under the minimum and a UDP port another program holds. Each is named with its
// fix, in Vietnamese by default, and the exit status is 2.
func TestDoctorBrokenConfiguration(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, []byte("# keys\n"+doctorKey(t, "role=Control tech=an")), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, key, _ := writeTestCert(t, dir, time.Now().AddDate(-1, 0, 0), time.Now().Add(-time.Hour))
	holidays := filepath.Join(dir, "holidays.csv")
	year := time.Now().Year()
	// --holidays adds to the built-in calendar (issue 17), so a short file no longer shortens it:
	// the broken calendar is a file that does not load.
	if err := os.WriteFile(holidays, []byte("date,kind,name\n"+strconv.Itoa(year)+"-13-02,holiday,Quốc khánh\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	busy, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	udp := busy.LocalAddr().(*net.UDPAddr).Port
	db := filepath.Join(dir, "diemcau.db")
	stdout, stderr, code := runCLI(t, "doctor", "--db", db, "--authorized-keys", keys, "--holidays", holidays,
		"--tls-cert", cert, "--tls-key", key, "--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0",
		"--udp-port", strconv.Itoa(udp), "--min-free-gb", "1000000")
	if code != 2 || !strings.Contains(stderr, "lỗi cần sửa trước cuộc họp đầu tiên") {
		t.Fatalf("doctor on a broken configuration: exit %d, stderr %q\n%s", code, stderr, stdout)
	}
	for _, want := range []string{
		"LỖI   chưa có cơ sở dữ liệu " + db, "diemcau import bridgepoints",
		"LỖI   " + keys + " dòng 2: bỏ qua — role=Control không phải",
		"LỖI   không có khóa nào role=control",
		"LỖI   chứng chỉ " + cert + " hết hạn lúc", "gia hạn chứng chỉ",
		"LỖI   không nạp được lịch ngày nghỉ " + holidays + ": ", strconv.Itoa(year) + "-13-02",
		"LỖI   còn trống", "dưới mức tối thiểu 1000000 GB",
		"LƯU Ý cổng UDP", "đang bận",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("doctor did not say %q:\n%s", want, stdout)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("doctor created the database")
	}
}

// TestDoctorFlags checks doctor's own flags are validated in the user's language.
func TestDoctorFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"doctor", "--min-free-gb", "-1"}, "--min-free-gb phải từ 0 trở lên, không phải -1"},
		{[]string{"doctor", "--min-free-gb", "x", "--lang", "en"}, `invalid value "x" for --min-free-gb`},
		{[]string{"doctor", "extra"}, `doctor: thừa tham số "extra"`},
		{[]string{"doctor", "--env", "/nonexistent/diemcau.env", "--lang", "en"}, "cannot read the service's settings /nonexistent/diemcau.env (--env)"},
	} {
		_, stderr, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %q", c.args, code, stderr, c.want)
		}
	}
	help, _, _ := runCLI(t, "help")
	if !strings.Contains(help, "diemcau doctor") {
		t.Error("help does not list doctor")
	}
}
