package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// needTool finds a command; missing, the test skips on a developer's machine and fails in CI
// (CI set), where .ci/run installs it.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing: .ci/run must install it", name)
		}
		t.Skipf("%s is not installed", name)
	}
	return p
}

// unitKeys reads a systemd unit file into key → values (every assignment, in order).
func unitKeys(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	keys := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			keys[k] = append(keys[k], v)
		}
	}
	return keys
}

// TestDebianPackage builds the package as `go -C deploy/pkg run .` does, then checks what an
// administrator installs: the files and their modes, the configuration files dpkg keeps on
// upgrade, the maintainer scripts, a working static binary, and systemd units that
// systemd-analyze verify passes without a word and that carry the hardening of issue 15.
func TestDebianPackage(t *testing.T) {
	dpkg := needTool(t, "dpkg-deb")
	analyze := needTool(t, "systemd-analyze")
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	deb, err := build(root, "1.2.3", "amd64", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(deb) != "diemcau_1.2.3_amd64.deb" {
		t.Errorf("package file %s", filepath.Base(deb))
	}
	out, err := exec.Command(dpkg, "-c", deb).Output()
	if err != nil {
		t.Fatal(err)
	}
	modes := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(l)
		modes[strings.TrimPrefix(f[len(f)-1], ".")] = f[0]
	}
	for path, mode := range map[string]string{
		"/usr/bin/diemcau":                                     "-rwxr-xr-x",
		"/lib/systemd/system/diemcau.service":                  "-rw-r--r--",
		"/lib/systemd/system/diemcau-backup.service":           "-rw-r--r--",
		"/lib/systemd/system/diemcau-backup.timer":             "-rw-r--r--",
		"/etc/diemcau/":                                        "drwxr-x---",
		"/etc/diemcau/tls/":                                    "drwxr-x---",
		"/etc/diemcau/diemcau.env":                             "-rw-r-----",
		"/etc/diemcau/authorized_keys":                         "-rw-r-----",
		"/etc/diemcau/holidays.csv":                            "-rw-r-----",
		"/usr/share/doc/diemcau/README.md":                     "-rw-r--r--",
		"/usr/share/doc/diemcau/prometheus/diemcau-alerts.yml": "-rw-r--r--",
		"/usr/share/doc/diemcau/grafana/diemcau-meeting.json":  "-rw-r--r--",
	} {
		if got := modes[path]; got != mode {
			t.Errorf("%s: mode %q, want %q", path, got, mode)
		}
	}
	ctl := t.TempDir()
	if out, err := exec.Command(dpkg, "-e", deb, ctl).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -e: %v %s", err, out)
	}
	conffiles, _ := os.ReadFile(filepath.Join(ctl, "conffiles"))
	got := strings.Fields(string(conffiles))
	slices.Sort(got)
	if want := []string{"/etc/diemcau/authorized_keys", "/etc/diemcau/diemcau.env", "/etc/diemcau/holidays.csv"}; !slices.Equal(got, want) {
		t.Errorf("conffiles %v, want %v", got, want)
	}
	control, _ := os.ReadFile(filepath.Join(ctl, "control"))
	for _, want := range []string{"Package: diemcau", "Version: 1.2.3", "Architecture: amd64", "Depends: adduser"} {
		if !strings.Contains(string(control), want) {
			t.Errorf("control lacks %q:\n%s", want, control)
		}
	}
	postinst, _ := os.ReadFile(filepath.Join(ctl, "postinst"))
	if !strings.Contains(string(postinst), "adduser --system") {
		t.Error("postinst does not create the system user")
	}
	for _, s := range []string{"postinst", "prerm", "postrm"} {
		if out, err := exec.Command("sh", "-n", filepath.Join(ctl, s)).CombinedOutput(); err != nil {
			t.Errorf("%s: %v %s", s, err, out)
		}
	}

	fsRoot := t.TempDir()
	if out, err := exec.Command(dpkg, "-x", deb, fsRoot).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -x: %v %s", err, out)
	}
	bin := filepath.Join(fsRoot, "usr/bin/diemcau")
	help, err := exec.Command(bin, "help", "--lang", "en").Output()
	if err != nil || !strings.Contains(string(help), "diemcau backup") {
		t.Errorf("the packaged binary's help: %v\n%s", err, help)
	}
	if out, _ := exec.Command("file", bin).Output(); len(out) > 0 && !strings.Contains(string(out), "statically linked") {
		t.Errorf("the binary is not static: %s", out)
	}

	// systemd-analyze checks ExecStart's program exists: point the copies at the extracted one.
	units := t.TempDir()
	var paths []string
	for _, u := range []string{"diemcau.service", "diemcau-backup.service", "diemcau-backup.timer"} {
		data, err := os.ReadFile(filepath.Join(fsRoot, "lib/systemd/system", u))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(units, u)
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(string(data), "/usr/bin/diemcau", bin)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	verify := exec.Command(analyze, append([]string{"verify", "--man=no"}, paths...)...)
	if out, err := verify.CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}

	svc := unitKeys(t, paths[0])
	for key, want := range map[string]string{
		"User": "diemcau", "Group": "diemcau", "ProtectSystem": "strict", "NoNewPrivileges": "yes",
		"CapabilityBoundingSet": "", "AmbientCapabilities": "", "ProtectHome": "yes", "PrivateTmp": "yes",
		"EnvironmentFile": "/etc/diemcau/diemcau.env", "WorkingDirectory": "/var/lib/diemcau",
	} {
		if v := svc[key]; len(v) != 1 || v[0] != want {
			t.Errorf("diemcau.service %s=%v, want %q", key, v, want)
		}
	}
	if v := svc["StateDirectory"]; len(v) != 1 || !strings.HasPrefix(v[0], "diemcau") {
		t.Errorf("diemcau.service StateDirectory=%v", v)
	}
	if v := svc["ExecStart"]; len(v) != 1 || !strings.Contains(v[0], " serve --db /var/lib/diemcau/diemcau.db --authorized-keys /etc/diemcau/authorized_keys --holidays /etc/diemcau/holidays.csv") {
		t.Errorf("diemcau.service ExecStart=%v", v)
	}
	timer := unitKeys(t, paths[2])
	if timer["Unit"][0] != "diemcau-backup.service" || timer["Persistent"][0] != "true" || len(timer["OnCalendar"]) != 1 {
		t.Errorf("diemcau-backup.timer: %v", timer)
	}
	backup := unitKeys(t, paths[1])
	if v := backup["ExecStart"]; len(v) != 1 || !strings.Contains(v[0], " backup --db /var/lib/diemcau/diemcau.db --dir /var/lib/diemcau/backups") {
		t.Errorf("diemcau-backup.service ExecStart=%v", v)
	}

	// The options the env file gives the backup are ones diemcau accepts: a first backup, then
	// a second that prunes down to --keep.
	state := t.TempDir()
	if err := os.Mkdir(filepath.Join(state, "backups"), 0o750); err != nil {
		t.Fatal(err)
	}
	env, _ := os.ReadFile(filepath.Join(fsRoot, "etc/diemcau/diemcau.env"))
	var backupOpts []string
	for _, l := range strings.Split(string(env), "\n") {
		if v, ok := strings.CutPrefix(l, "DIEMCAU_BACKUP_OPTS="); ok {
			backupOpts = strings.Fields(strings.Trim(v, `"`))
		}
	}
	if len(backupOpts) == 0 {
		t.Fatal("diemcau.env has no DIEMCAU_BACKUP_OPTS")
	}
	db := filepath.Join(state, "diemcau.db")
	if out, err := exec.Command(bin, "import", "bridgepoints", filepath.Join(root, "testdata/registry-gialai.csv"), "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("import: %v %s", err, out)
	}
	args := append([]string{"backup", "--db", db, "--dir", filepath.Join(state, "backups")}, backupOpts...)
	if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
		t.Errorf("the timer's backup command: %v %s", err, out)
	}

	// The service's settings and the packaged calendar pass doctor (ports overridden: a test
	// binds no fixed port).
	doc := exec.Command(bin, "doctor", "--env", filepath.Join(fsRoot, "etc/diemcau/diemcau.env"), "--db", db,
		"--holidays", filepath.Join(fsRoot, "etc/diemcau/holidays.csv"), "--authorized-keys", filepath.Join(fsRoot, "etc/diemcau/authorized_keys"),
		"--http", "127.0.0.1:0", "--ssh", "127.0.0.1:0", "--udp-port", "0", "--lang", "en")
	out, _ = doc.CombinedOutput()
	for _, want := range []string{"OK    registry:", "OK    the holiday calendar", "FAIL  no role=control key"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("doctor on the packaged settings did not say %q:\n%s", want, out)
		}
	}
}
