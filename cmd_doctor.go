package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"diemcau/ops"
	"diemcau/sshd"
	"diemcau/tui"
)

// packagedArgs are the paths the Debian package's service uses (deploy/systemd/diemcau.service),
// the defaults of doctor --env.
var packagedArgs = []string{"--db", "/var/lib/diemcau/diemcau.db", "--authorized-keys", "/etc/diemcau/authorized_keys",
	"--holidays", "/etc/diemcau/holidays.csv"}

// dmsg returns a message of the doctor's catalogue (ops) in lang, falling back to Vietnamese.
func dmsg(lang, key string) string { return ops.DoctorText(lang, key) }

// runDoctor handles `diemcau doctor`: it checks a server before its first meeting and prints
// what to fix. It changes nothing; the exit status is 2 when something must be fixed.
func runDoctor(ctx context.Context, args []string) error {
	lang := langFromArgs(args)
	args, err := withServiceEnv(args, lang)
	if err != nil {
		return err
	}
	var cf commonFlags
	fs := newFlagSet("doctor", &cf, "diemcau.db")
	fs.String("env", "", "the service's settings file (/etc/diemcau/diemcau.env): check its DIEMCAU_OPTS with the package's paths")
	name := fs.String("server-name", "", "the server's name that bridge points use, checked against the TLS certificate (default: from --http, else this host's name)")
	minFree := fs.Int("min-free-gb", 2, "free disk below this (GB) beside the database is a failure")
	if err := parse(fs, &cf, args); err != nil {
		return err
	}
	if err := noExtraArgs(fs, cf.lang); err != nil {
		return err
	}
	if *minFree < 0 {
		fmt.Fprintf(os.Stderr, dmsg(cf.lang, "minFree"), *minFree)
		return errUsage
	}
	findings := ops.Doctor(ctx, ops.DoctorConfig{Lang: cf.lang, DB: cf.db, AuthorizedKeys: cf.authorizedKeys,
		Keys: doctorKeys(cf.lang), Holidays: cf.holidays, Calendar: cf.calendar, TLSCert: cf.tlsCert, TLSKey: cf.tlsKey,
		ServerName: *name, HTTP: cf.http, SSH: cf.ssh, UDPPort: cf.udpPort, MinFreeGB: *minFree, Now: time.Now()})
	return doctorReport(os.Stdout, cf, findings)
}

// withServiceEnv expands --env FILE into the package's paths and the file's DIEMCAU_OPTS,
// placed before the command line's own flags so that those win.
func withServiceEnv(args []string, lang string) ([]string, error) {
	i := slices.IndexFunc(args, func(a string) bool { return a == "--env" || a == "-env" })
	path := ""
	if i >= 0 && i+1 < len(args) {
		path = args[i+1]
	}
	for _, a := range args {
		if v, ok := strings.CutPrefix(a, "--env="); ok {
			path = v
		}
	}
	if path == "" {
		return args, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &localError{text: fmt.Sprintf(dmsg(lang, "envRead"), path, err), err: err}
	}
	out := slices.Clone(packagedArgs)
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "DIEMCAU_OPTS="); ok {
			out = append(out, strings.Fields(strings.Trim(v, `"'`))...)
		}
	}
	return append(out, args...), nil
}

// doctorKeys is the doctor's view of authorized_keys through the SSH server's own parser
// (sshd, which ops does not import): its problem lines worded in lang, its keys by role.
func doctorKeys(lang string) func(string, []byte, func(string) bool) ops.KeysReport {
	return func(path string, data []byte, known func(string) bool) ops.KeysReport {
		ids, problems := sshd.ParseAuthorizedKeys(data, known)
		var r ops.KeysReport
		for _, p := range problems {
			line := sshd.KeyProblemsText(lang, path, []sshd.KeyProblem{p})
			r.Problems = append(r.Problems, ops.KeyProblem{Text: line[:len(line)-1], Skipped: p.Skipped})
		}
		for _, id := range ids {
			switch id.Role {
			case tui.RoleControl:
				r.Control++
			case tui.RoleHost:
				r.Hosts = append(r.Hosts, id.BridgePoint)
			case tui.RoleOperator:
				r.Operator++
			case tui.RoleViewer:
				r.Viewer++
			}
		}
		return r
	}
}

// doctorReport prints the findings and a summary; an error (exit status 2) when any failed.
func doctorReport(w io.Writer, cf commonFlags, findings []ops.Finding) error {
	lang := cf.lang
	fmt.Fprintf(w, dmsg(lang, "title"), cf.db)
	fails, warns := 0, 0
	for _, f := range findings {
		label := [...]string{"ok", "warn", "fail"}[f.Level]
		fmt.Fprintf(w, "  %-5s %s\n", dmsg(lang, label), f.Text)
		if f.Level != ops.LevelOK && f.Fix != "" {
			fmt.Fprintf(w, dmsg(lang, "fix"), f.Fix)
		}
		switch f.Level {
		case ops.LevelWarn:
			warns++
		case ops.LevelFail:
			fails++
		}
	}
	if fails > 0 {
		return &localError{text: fmt.Sprintf(dmsg(lang, "summaryFail"), fails, warns)}
	}
	fmt.Fprintf(w, dmsg(lang, "summaryOK"), warns)
	return nil
}
