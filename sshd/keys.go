package sshd

import (
	"bufio"
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"diemcau/tui"
)

// Identity is the technician an SSH key belongs to.
type Identity struct {
	Role        tui.Role
	Tech        string // technician's name as it goes into the audit log
	BridgePoint string // for operators: their own bridge point
	Fingerprint string // SHA256 fingerprint of the key
}

// AuthorizedKeys is the authorized_keys file: standard OpenSSH lines whose comment says who and
// what (`role=control tech=nguyen.van.an`, `role=operator tech=le.thi.binh bp=XA-IAGRAI`,
// `role=host tech=pham.van.dung bp=UBND-TINH`: a host acts only on meetings it is the main
// bridge point of, and a host key without bp= is read-only and warned about). It is
// re-read when the file changes, so editing it takes effect without a restart.
type AuthorizedKeys struct {
	path string
	log  *slog.Logger
	opt  KeyOptions

	mu       sync.Mutex
	modTime  time.Time
	size     int64
	keys     map[string]Identity // by the key's wire form
	problems []KeyProblem        // of the last read
}

// KeyOptions are the optional parts of reading an authorized_keys file.
type KeyOptions struct {
	Log *slog.Logger
	// KnownBridgePoint tells whether a bp= names a bridge point of the registry; nil accepts any.
	KnownBridgePoint func(id string) bool
	// Report is told the problems of every read that has some: at start and on each reload.
	Report func(path string, problems []KeyProblem)
}

// LoadAuthorizedKeys reads path; a missing file is an error, a bad line is logged and skipped.
func LoadAuthorizedKeys(path string, log *slog.Logger) (*AuthorizedKeys, error) {
	return OpenAuthorizedKeys(path, KeyOptions{Log: log})
}

// OpenAuthorizedKeys reads path like LoadAuthorizedKeys, checking bp= against the registry and
// reporting the lines skipped or accepted with a warning through opt.Report.
func OpenAuthorizedKeys(path string, opt KeyOptions) (*AuthorizedKeys, error) {
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	a := &AuthorizedKeys{path: path, log: opt.Log, opt: opt}
	if err := a.reload(); err != nil {
		return nil, err
	}
	return a, nil
}

// Problems returns the lines of the last read that were skipped or accepted with a warning.
func (a *AuthorizedKeys) Problems() []KeyProblem {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.problems)
}

// Lookup returns the identity of key, re-reading the file first when it has changed.
func (a *AuthorizedKeys) Lookup(key gossh.PublicKey) (Identity, bool) {
	if err := a.reload(); err != nil {
		a.log.Error("authorized keys unreadable; keeping the last good copy", "path", a.path, "err", err)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	id, ok := a.keys[string(key.Marshal())]
	return id, ok
}

// reload re-reads the file when its size or modification time changed.
func (a *AuthorizedKeys) reload() error {
	fi, err := os.Stat(a.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	a.mu.Lock()
	same := a.keys != nil && fi.ModTime().Equal(a.modTime) && fi.Size() == a.size
	a.mu.Unlock()
	if same {
		return nil
	}
	data, err := os.ReadFile(a.path)
	if err != nil {
		return fmt.Errorf("authorized keys: %w", err)
	}
	keys, problems := ParseAuthorizedKeys(data, a.opt.KnownBridgePoint)
	a.mu.Lock()
	a.keys, a.problems, a.modTime, a.size = keys, problems, fi.ModTime(), fi.Size()
	a.mu.Unlock()
	for _, p := range problems {
		a.log.Warn("authorized keys: "+p.Text("en"), "path", a.path, "line", p.Line, "skipped", p.Skipped)
	}
	a.log.Info("authorized keys loaded", "path", a.path, "keys", len(keys), "problems", len(problems))
	if len(problems) > 0 && a.opt.Report != nil {
		a.opt.Report(a.path, problems)
	}
	return nil
}

// ParseAuthorizedKeys reads every line of an authorized_keys file: the identities by key, and
// the lines skipped (not a key, no valid role or tech=, an operator without bp=) or accepted with
// a warning (a host without bp=, a bp= not in the registry, a key given twice), each with its
// line number and reason. known checks bp= against the registry; nil accepts any.
func ParseAuthorizedKeys(data []byte, known func(id string) bool) (map[string]Identity, []KeyProblem) {
	keys := map[string]Identity{}
	lineOf := map[string]int{}
	var problems []KeyProblem
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	n := 0
	for ; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, comment, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			problems = append(problems, KeyProblem{Line: n + 1, Reason: KeyNotAKey, Skipped: true, Detail: err.Error()})
			continue
		}
		id, p := parseIdentity(comment)
		if p != nil {
			p.Line, p.Skipped = n+1, true
			problems = append(problems, *p)
			continue
		}
		if id.BridgePoint != "" && known != nil && !known(id.BridgePoint) {
			problems = append(problems, KeyProblem{Line: n + 1, Reason: KeyUnknownBP, Detail: id.BridgePoint})
		} else if id.Role == tui.RoleHost && id.BridgePoint == "" {
			problems = append(problems, KeyProblem{Line: n + 1, Reason: KeyHostNoBP, Detail: id.Tech})
		}
		wire := string(key.Marshal())
		if first, dup := lineOf[wire]; dup {
			problems = append(problems, KeyProblem{Line: n + 1, Reason: KeyDuplicate, Detail: strconv.Itoa(first)})
		}
		lineOf[wire] = n + 1
		id.Fingerprint = gossh.FingerprintSHA256(key)
		keys[wire] = id
	}
	if err := sc.Err(); err != nil {
		problems = append(problems, KeyProblem{Line: n + 1, Reason: KeyNotAKey, Skipped: true, Detail: err.Error()})
	}
	return keys, problems
}

// parseIdentity reads `role=… tech=… bp=…` from a key's comment; a comment that gives no usable
// identity is the problem that skips its line.
func parseIdentity(comment string) (Identity, *KeyProblem) {
	var id Identity
	for _, f := range strings.Fields(comment) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		switch k {
		case "role":
			id.Role = tui.Role(v)
		case "tech":
			id.Tech = v
		case "bp":
			id.BridgePoint = v
		}
	}
	switch id.Role {
	case tui.RoleControl, tui.RoleHost, tui.RoleViewer:
	case tui.RoleOperator:
		if id.BridgePoint == "" {
			return id, &KeyProblem{Reason: KeyOperatorNoBP, Detail: id.Tech}
		}
	case "":
		return id, &KeyProblem{Reason: KeyNoRole}
	default:
		return id, &KeyProblem{Reason: KeyBadRole, Detail: string(id.Role)}
	}
	if id.Tech == "" {
		return id, &KeyProblem{Reason: KeyNoTech}
	}
	return id, nil
}
