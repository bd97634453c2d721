package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/charmbracelet/x/term"
	"modernc.org/sqlite"

	"diemcau/store"
)

// userError is the text of a command's error for the technician: the known failures in their
// language, with the underlying error kept as the detail; any other error as it is.
func userError(lang string, err error) string {
	if errors.Is(err, store.ErrSchemaTooNew) {
		return fmt.Sprintf(msg(lang, "schemaTooNew"), err)
	}
	return err.Error()
}

// localError is an error already worded for the user; the cause stays reachable with errors.Is.
type localError struct {
	text string
	err  error
}

func (e *localError) Error() string { return e.text }
func (e *localError) Unwrap() error { return e.err }

// fileError words the failure to read a file given by a flag (or argument) for the user: what
// file, which flag, and why, without the Go error chain.
func fileError(lang, flagName, path string, err error) error {
	var text string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		text = fmt.Sprintf(msg(lang, "fileMissing"), path, flagName)
	case errors.Is(err, fs.ErrPermission):
		text = fmt.Sprintf(msg(lang, "fileDenied"), path, flagName)
	case isDir(path):
		text = fmt.Sprintf(msg(lang, "fileIsDir"), path, flagName)
	default:
		text = fmt.Sprintf(msg(lang, "fileUnreadable"), path, flagName, err)
	}
	return &localError{text: text, err: err}
}

// isDir reports whether path names an existing directory.
func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// listenError words a failure to listen on a flag's address: the port is taken, or the address
// is not one of this machine's.
func listenError(lang, flagName, addr string, err error) error {
	key := "listenFailed"
	if errors.Is(err, syscall.EADDRINUSE) {
		key = "listenInUse"
	}
	return &localError{text: fmt.Sprintf(msg(lang, key), addr, flagName, err), err: err}
}

// openStore opens the --db database, wording the usual mistakes (a directory, a missing folder,
// a file that is not SQLite) for the user. A database from a newer diemcau keeps its own error.
func openStore(ctx context.Context, cf commonFlags) (*store.Store, error) {
	if err := checkDBPath(cf); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, cf.db)
	if err == nil {
		if up := st.Upgraded(); up.From > 0 {
			fmt.Fprintf(os.Stderr, omsg(cf.lang, "upgradeBackup"), cf.db, up.From, up.To, up.Backup)
		}
		return st, nil
	}
	if errors.Is(err, store.ErrSchemaTooNew) {
		return st, err
	}
	var me *store.MigrationError
	if errors.As(err, &me) {
		if me.Backup == "" {
			return nil, &localError{text: fmt.Sprintf(omsg(cf.lang, "upgradeNoBackup"), cf.db, me.From, me.To, me.Err), err: err}
		}
		return nil, &localError{text: fmt.Sprintf(omsg(cf.lang, "migrateFailed"), cf.db, me.From, me.To, me.From, me.Backup, me.Err), err: err}
	}
	if isNotSQLite(err) {
		return nil, &localError{text: fmt.Sprintf(msg(cf.lang, "dbNotSQLite"), cf.db), err: err}
	}
	return nil, &localError{text: fmt.Sprintf(msg(cf.lang, "dbOpen"), cf.db, err), err: err}
}

// checkDBPath refuses a --db that is a directory or whose folder does not exist.
func checkDBPath(cf commonFlags) error {
	if isDir(cf.db) {
		return &localError{text: fmt.Sprintf(msg(cf.lang, "dbIsDir"), cf.db)}
	}
	if dir := filepath.Dir(cf.db); !isDir(dir) {
		return &localError{text: fmt.Sprintf(msg(cf.lang, "dbNoDir"), dir, cf.db), err: fs.ErrNotExist}
	}
	return nil
}

// needTerminal refuses to start a console whose input or output is not a terminal (a pipe,
// /dev/null, a service manager): before anything is opened, so no meeting starts or ends.
func needTerminal(lang string) error {
	if term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd()) {
		return nil
	}
	return &localError{text: msg(lang, "needTerminal")}
}

// isNotSQLite reports whether err is SQLite's "file is not a database".
func isNotSQLite(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == 26 // SQLITE_NOTADB
}
