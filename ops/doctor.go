package ops

import (
	"context"
	"fmt"
	"time"

	"diemcau/meeting"
)

// Level is a check's outcome.
type Level int

// The outcomes.
const (
	LevelOK Level = iota
	LevelWarn
	LevelFail
)

// Finding is one line of the doctor's report, in the user's language, with what to do when it
// is not OK (Fix, "" when there is nothing to say).
type Finding struct {
	Level Level
	Text  string
	Fix   string
}

// DoctorConfig is what the doctor checks: the settings the server would run with.
type DoctorConfig struct {
	Lang           string // "vi" (default) or "en"
	DB             string // the database, opened read-only
	AuthorizedKeys string // the technicians' authorized_keys
	// Keys parses the authorized_keys file at path (its data) as the SSH server does, against
	// the registry's bridge points (known is nil when the registry cannot be read). The parser
	// lives with the SSH server (sshd), which ops does not import: the command passes it.
	Keys     func(path string, data []byte, known func(string) bool) KeysReport
	Holidays string                            // the --holidays file, "" for the built-in calendar
	Calendar func() (*meeting.Calendar, error) // loads the calendar the server would use
	TLSCert  string
	TLSKey   string
	// ServerName is the name bridge points use, checked against the certificate; "" takes
	// the host of HTTP when it names one, else this machine's host name.
	ServerName string
	HTTP, SSH  string // the TCP addresses the server binds
	UDPPort    int    // the media port
	MinFreeGB  int    // free disk below this beside the database is a failure
	Now        time.Time
}

// KeysReport is what the doctor needs of an authorized_keys file: each doubtful or skipped
// line, and how many usable keys each role has (Hosts: the bridge point of each host key).
type KeysReport struct {
	Problems                  []KeyProblem
	Control, Operator, Viewer int
	Hosts                     []string
}

// KeyProblem is one line of authorized_keys the SSH server skips (Skipped) or doubts, worded
// for the user with its file and line.
type KeyProblem struct {
	Text    string
	Skipped bool
}

// doctor gathers the findings of the checks.
type doctor struct {
	cfg      DoctorConfig
	findings []Finding
}

// Doctor checks a server before its first meeting — the database and its registry, the SSH
// keys, the holiday calendar, the TLS certificate, the ports, the firewall, the free disk and
// the clock — and returns what it found, in cfg.Lang. It changes nothing.
func Doctor(ctx context.Context, cfg DoctorConfig) []Finding {
	d := &doctor{cfg: cfg}
	d.checkStore(ctx)
	d.checkCalendar()
	d.checkTLS()
	d.checkPorts()
	d.checkFirewall()
	d.checkDisk()
	d.checkClock()
	return d.findings
}

// add records a finding; fix is shown unless it is OK.
func (d *doctor) add(l Level, fix string, key string, args ...any) {
	d.findings = append(d.findings, Finding{Level: l, Text: fmt.Sprintf(DoctorText(d.cfg.Lang, key), args...), Fix: fix})
}

// fixText is the fix key's text with args.
func (d *doctor) fixText(key string, args ...any) string {
	return fmt.Sprintf(DoctorText(d.cfg.Lang, key), args...)
}
