package tui

import (
	"bufio"
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Role is what a technician may do in the console.
type Role string

// The roles of DESIGN.md.
const (
	RoleControl  Role = "control"  // control center: everything
	RoleHost     Role = "host"     // main bridge point: floor control and far-end mute
	RoleOperator Role = "operator" // one bridge point's operator
	RoleViewer   Role = "viewer"   // read-only
)

// Identity is the technician an SSH key belongs to.
type Identity struct {
	Role        Role
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

	mu      sync.Mutex
	modTime time.Time
	size    int64
	keys    map[string]Identity // by the key's wire form
}

// LoadAuthorizedKeys reads path; a missing file is an error, a bad line is logged and skipped.
func LoadAuthorizedKeys(path string, log *slog.Logger) (*AuthorizedKeys, error) {
	if log == nil {
		log = slog.Default()
	}
	a := &AuthorizedKeys{path: path, log: log}
	if err := a.reload(); err != nil {
		return nil, err
	}
	return a, nil
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
	keys := a.parse(data)
	a.mu.Lock()
	a.keys, a.modTime, a.size = keys, fi.ModTime(), fi.Size()
	a.mu.Unlock()
	a.log.Info("authorized keys loaded", "path", a.path, "keys", len(keys))
	return nil
}

// parse reads every line; a line that is not a valid key with a valid role is logged and skipped.
func (a *AuthorizedKeys) parse(data []byte) map[string]Identity {
	keys := map[string]Identity{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, comment, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			a.log.Warn("authorized keys: line skipped", "path", a.path, "line", n, "err", err)
			continue
		}
		id, err := parseIdentity(comment)
		if err != nil {
			a.log.Warn("authorized keys: line skipped", "path", a.path, "line", n, "err", err)
			continue
		}
		if id.Role == RoleHost && id.BridgePoint == "" {
			a.log.Warn("authorized keys: role=host without bp= is read-only", "path", a.path, "line", n, "tech", id.Tech)
		}
		id.Fingerprint = gossh.FingerprintSHA256(key)
		keys[string(key.Marshal())] = id
	}
	return keys
}

// parseIdentity reads `role=… tech=… bp=…` from a key's comment.
func parseIdentity(comment string) (Identity, error) {
	var id Identity
	for _, f := range strings.Fields(comment) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		switch k {
		case "role":
			id.Role = Role(v)
		case "tech":
			id.Tech = v
		case "bp":
			id.BridgePoint = v
		}
	}
	switch id.Role {
	case RoleControl, RoleHost, RoleViewer:
	case RoleOperator:
		if id.BridgePoint == "" {
			return id, fmt.Errorf("role=operator needs bp=BRIDGE-POINT-ID")
		}
	default:
		return id, fmt.Errorf("role=%q is not one of control, host, operator, viewer", id.Role)
	}
	if id.Tech == "" {
		return id, fmt.Errorf("missing tech=NAME")
	}
	return id, nil
}
