package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"diemcau/ops"
	"diemcau/store"
)

// runBackup handles `diemcau backup FILE` and `diemcau backup --dir DIR [--keep N]`: a
// consistent, checked copy of the log store, while meetings go on, with a manifest of the
// recordings; with --dir, a dated file and only the newest N kept (for the daily timer).
func runBackup(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := newFlagSet("backup", &cf, "diemcau.db")
	dir := fs.String("dir", "", "folder for a dated backup (diemcau-YYYYMMDD-HHMMSS.db); the oldest beyond --keep are removed")
	keep := fs.Int("keep", 14, "with --dir: how many backups to keep")
	if err := parse(fs, &cf, args); err != nil {
		return err
	}
	lang := cf.lang
	switch {
	case fs.NArg() > 1:
		return tooManyArgs(fs, 1, lang)
	case fs.NArg() == 1 && *dir != "":
		fmt.Fprint(os.Stderr, omsg(lang, "backupBoth"))
		return errUsage
	case fs.NArg() == 0 && *dir == "":
		fmt.Fprintf(os.Stderr, msg(lang, "subcommandUsage"), omsg(lang, "backupUsage"))
		return errUsage
	case *keep < 1:
		fmt.Fprintf(os.Stderr, omsg(lang, "backupKeep"), *keep)
		return errUsage
	}
	now := time.Now()
	dest := fs.Arg(0)
	if *dir != "" {
		if !isDir(*dir) {
			return &localError{text: fmt.Sprintf(omsg(lang, "backupNotDir"), *dir)}
		}
		dest = ops.DatedBackup(*dir, now)
	}
	if err := makeBackup(ctx, cf, dest, now); err != nil {
		return err
	}
	if *dir != "" {
		n, err := ops.PruneBackups(*dir, *keep)
		if err != nil {
			return err
		}
		if n > 0 {
			fmt.Fprintf(os.Stdout, omsg(lang, "backupPruned"), n, *keep)
		}
	}
	return nil
}

// makeBackup copies the --db database to dest with its manifest, and says so.
func makeBackup(ctx context.Context, cf commonFlags, dest string, now time.Time) error {
	lang := cf.lang
	if _, err := os.Stat(cf.db); err != nil {
		return &localError{text: fmt.Sprintf(omsg(lang, "backupNoDB"), cf.db), err: err}
	}
	if _, err := os.Lstat(dest); err == nil {
		return &localError{text: fmt.Sprintf(omsg(lang, "backupExists"), dest), err: fs.ErrExist}
	}
	c, err := store.Backup(ctx, cf.db, dest)
	if err != nil {
		return storeFileError(lang, cf.db, err)
	}
	m, err := ops.NewManifest(cf.db, dest, c, now)
	if err == nil {
		err = ops.WriteManifest(ops.ManifestPath(dest), m)
	}
	if err != nil {
		os.Remove(dest) // a backup without its manifest is not one
		return err
	}
	files, missing := m.Counts()
	fmt.Fprintf(os.Stdout, omsg(lang, "backupDone"), cf.db, dest, c.SchemaVersion, ops.SizeOf(m.Bytes), ops.ManifestPath(dest), len(m.Recordings), files)
	if missing > 0 {
		fmt.Fprintf(os.Stdout, omsg(lang, "backupMissing"), missing)
	}
	fmt.Fprintln(os.Stdout, ")")
	return nil
}

// runRestore handles `diemcau restore FILE`: the backup replaces the --db database, which is
// kept aside under a dated name; a backup from a newer diemcau, a damaged file and a database
// in use by a running diemcau are refused with nothing changed.
func runRestore(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := newFlagSet("restore", &cf, "diemcau.db")
	if err := parse(fs, &cf, args); err != nil {
		return err
	}
	lang := cf.lang
	switch fs.NArg() {
	case 0:
		fmt.Fprintf(os.Stderr, msg(lang, "subcommandUsage"), omsg(lang, "restoreUsage"))
		return errUsage
	case 1:
	default:
		return tooManyArgs(fs, 1, lang)
	}
	file := fs.Arg(0)
	if fi, err := os.Stat(file); err != nil || fi.IsDir() {
		if err == nil {
			err = errors.New("is a directory")
		}
		return fileError(lang, "restore", file, err)
	}
	aside, err := store.Restore(ctx, file, cf.db, time.Now())
	if err != nil {
		return storeFileError(lang, file, err)
	}
	fmt.Fprintf(os.Stdout, omsg(lang, "restoreDone"), cf.db, file)
	if aside != "" {
		fmt.Fprintf(os.Stdout, omsg(lang, "restoreAside"), aside)
	}
	if m, err := ops.ReadManifest(ops.ManifestPath(file)); err == nil {
		missing := 0
		for _, r := range m.Recordings {
			for _, f := range r.Files {
				if _, err := os.Stat(f.Path); err != nil {
					missing++
				}
			}
		}
		if missing > 0 {
			fmt.Fprintf(os.Stdout, omsg(lang, "restoreNoRec"), missing, ops.ManifestPath(file))
		}
	}
	return nil
}

// storeFileError words the store's refusals of a database file for the user.
func storeFileError(lang, path string, err error) error {
	var text string
	switch {
	case errors.Is(err, store.ErrSchemaTooNew):
		return err // userError words it
	case errors.Is(err, store.ErrInUse):
		text = fmt.Sprintf(omsg(lang, "dbInUse"), path)
	case errors.Is(err, store.ErrIntegrity):
		text = fmt.Sprintf(omsg(lang, "integrity"), path, err)
	case errors.Is(err, store.ErrNotDiemcau), isNotSQLite(err):
		text = fmt.Sprintf(omsg(lang, "notDiemcau"), path)
	default:
		return err
	}
	return &localError{text: text, err: err}
}

// tooManyArgs refuses the arguments beyond the n a command takes, naming the first of them.
func tooManyArgs(fs *flag.FlagSet, n int, lang string) error {
	fmt.Fprintf(os.Stderr, msg(lang, "extraArgs"), fs.Name(), fs.Arg(n))
	fmt.Fprintf(os.Stderr, msg(lang, "seeHelp"), fs.Name())
	return errUsage
}
