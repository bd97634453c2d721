package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// packagedArgs are the paths the Debian package's service uses (deploy/systemd/diemcau.service),
// the defaults of doctor --env.
var packagedArgs = []string{"--db", "/var/lib/diemcau/diemcau.db", "--authorized-keys", "/etc/diemcau/authorized_keys",
	"--holidays", "/etc/diemcau/holidays.csv"}

// level is a check's outcome.
type level int

const (
	levelOK level = iota
	levelWarn
	levelFail
)

// finding is one line of the doctor's report, with what to do when it is not OK.
type finding struct {
	level level
	text  string
	fix   string
}

// doctor gathers the findings of the checks, in the user's language.
type doctor struct {
	cf        commonFlags
	name      string // --server-name: the name the bridge points use, for the certificate
	minFreeGB int
	now       time.Time
	findings  []finding
}

// add records a finding; fix is shown unless it is OK.
func (d *doctor) add(l level, fix string, key string, args ...any) {
	d.findings = append(d.findings, finding{level: l, text: fmt.Sprintf(dmsg(d.cf.lang, key), args...), fix: fix})
}

// fixText is the fix key's text with args.
func (d *doctor) fixText(key string, args ...any) string {
	return fmt.Sprintf(dmsg(d.cf.lang, key), args...)
}

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
	d := &doctor{cf: cf, name: *name, minFreeGB: *minFree, now: time.Now()}
	d.run(ctx)
	return d.report(os.Stdout)
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

// run runs every check.
func (d *doctor) run(ctx context.Context) {
	d.checkStore(ctx)
	d.checkCalendar()
	d.checkTLS()
	d.checkPorts()
	d.checkFirewall()
	d.checkDisk()
	d.checkClock()
}

// report prints the findings and a summary; an error (exit status 2) when any failed.
func (d *doctor) report(w io.Writer) error {
	lang := d.cf.lang
	fmt.Fprintf(w, dmsg(lang, "title"), d.cf.db)
	fails, warns := 0, 0
	for _, f := range d.findings {
		label := [...]string{"ok", "warn", "fail"}[f.level]
		fmt.Fprintf(w, "  %-5s %s\n", dmsg(lang, label), f.text)
		if f.level != levelOK && f.fix != "" {
			fmt.Fprintf(w, dmsg(lang, "fix"), f.fix)
		}
		switch f.level {
		case levelWarn:
			warns++
		case levelFail:
			fails++
		}
	}
	if fails > 0 {
		return &localError{text: fmt.Sprintf(dmsg(lang, "summaryFail"), fails, warns)}
	}
	fmt.Fprintf(w, dmsg(lang, "summaryOK"), warns)
	return nil
}
