package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"diemcau/sshd"
	"diemcau/store"
	"diemcau/tui"
)

// authorizedKeysTemplate starts a new authorized_keys file: nobody may log in until a key is added.
const authorizedKeysTemplate = `# diemcau: technicians allowed to open the console over SSH.
# One OpenSSH public key a line; the comment says who and what, e.g.
#   ssh-ed25519 AAAA... role=control tech=nguyen.van.an
#   ssh-ed25519 AAAA... role=operator tech=le.thi.binh bp=XA-IAGRAI
# Roles: control, host, operator (with bp=), viewer. Edits take effect without a restart.
`

// sshServer builds the SSH console server for the conference confID, creating an empty
// authorized_keys file (mode 0600) and the host key beside the database on first run (the
// database's folder keeps its mode). The lines of authorized_keys that are skipped or doubtful
// are printed on stderr with their line numbers, at start and whenever the file is re-read.
func (a *app) sshServer(confID string) (*sshd.Server, error) {
	path := a.flags.authorizedKeys
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(path, []byte(authorizedKeysTemplate), 0o600); err != nil {
			return nil, &localError{text: fmt.Sprintf(msg(a.flags.lang, "keysCreate"), path, err), err: err}
		}
		a.log.Warn("no authorized keys yet: nobody can log in over SSH until keys are added", "path", path)
	}
	keys, err := sshd.OpenAuthorizedKeys(path, sshd.KeyOptions{
		Log:              a.log,
		KnownBridgePoint: a.knownBridgePoint,
		Report: func(path string, problems []sshd.KeyProblem) { // at start and on each reload
			fmt.Fprint(os.Stderr, sshd.KeyProblemsText(a.flags.lang, path, problems))
		},
	})
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, fileError(a.flags.lang, "--authorized-keys", path, err)
	}
	if err != nil {
		return nil, err
	}
	cal, err := a.flags.calendar()
	if err != nil {
		return nil, err
	}
	hostKey := filepath.Join(filepath.Dir(a.flags.db), "ssh_host_ed25519")
	srv, err := sshd.NewServer(sshd.Config{
		Addr:        a.flags.ssh,
		HostKeyPath: hostKey,
		Keys:        keys,
		Console:     tui.Options{MCU: a.mcu, Conference: confID, Store: a.st, Lang: a.flags.lang, Calendar: cal, Live: a.live},
		Log:         a.log,
	})
	if err != nil {
		return nil, &localError{text: fmt.Sprintf(msg(a.flags.lang, "sshHostKey"), hostKey, err), err: err}
	}
	a.sshSrv.Store(srv) // its sessions and refusals on /metrics
	return srv, nil
}

// knownBridgePoint tells whether id is in the registry; a store error counts as known, so that a
// passing fault never reports a good key as wrong.
func (a *app) knownBridgePoint(id string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err := a.st.BridgePoint(ctx, id)
	return !errors.Is(err, store.ErrNotFound)
}
