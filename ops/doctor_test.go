package ops

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"diemcau/meeting"
	"diemcau/store"
)

// TestDoctorAsksTheGivenKeysParser: the doctor reads authorized_keys itself but parses it
// with the parser it is given (the SSH server's, which ops does not import), against the
// registry of the real database; a key parser's problem lines and roles become findings.
func TestDoctorAsksTheGivenKeysParser(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "diemcau.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ImportRegistry(ctx, []store.Unit{{ID: "UBND", Name: "UBND tỉnh", Kind: "province"}},
		[]store.BridgePoint{{ID: "UBND", Name: "Phòng họp UBND", UnitID: "UBND", Role: "main"}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, []byte("ssh-ed25519 AAAA role=control\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var asked string
	findings := Doctor(ctx, DoctorConfig{Lang: "en", DB: db, AuthorizedKeys: keys,
		Keys: func(path string, data []byte, known func(string) bool) KeysReport {
			asked = string(data)
			if known == nil || !known("UBND") || known("XA-9") {
				t.Error("the keys parser is not given the registry's bridge points")
			}
			return KeysReport{Control: 1, Operator: 2, Hosts: []string{"XA-1"},
				Problems: []KeyProblem{{Text: path + " line 3: skipped", Skipped: true}}}
		},
		Calendar: func() (*meeting.Calendar, error) { return meeting.DefaultCalendar(), nil },
		HTTP:     "127.0.0.1:0", SSH: "127.0.0.1:0", Now: time.Now()})
	if !strings.Contains(asked, "role=control") {
		t.Errorf("the parser was given %q", asked)
	}
	want := map[string]Level{
		"registry: 1 bridge points, main bridge point UBND":  LevelOK,
		keys + " line 3: skipped":                            LevelFail,
		"no role=host bp=UBND key for the main bridge point": LevelWarn,
		"SSH keys: 1 control, 1 host, 2 operator, 0 viewer":  LevelOK,
	}
	for _, f := range findings {
		if l, ok := want[f.Text]; ok {
			if l != f.Level {
				t.Errorf("%q: level %d, want %d", f.Text, f.Level, l)
			}
			delete(want, f.Text)
		}
	}
	for text := range want {
		t.Errorf("the doctor did not say %q: %+v", text, findings)
	}
}
