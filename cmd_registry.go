package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"diemcau/endpoints"
	"diemcau/softep"
	"diemcau/store"
)

// runImport loads a bridge-point registry file: diemcau import bridgepoints FILE.csv.
func runImport(ctx context.Context, args []string) error {
	var cf commonFlags
	lang := langFromArgs(args)
	args = wordFirst(args, "bridgepoints")
	if len(args) < 1 || args[0] != "bridgepoints" {
		fmt.Fprintf(os.Stderr, msg(lang, "subcommandUsage"), msg(lang, "importUsage"))
		return errUsage
	}
	fs := newFlagSet("import bridgepoints", &cf, "diemcau.db")
	actor := actorFlag(fs)
	if err := parse(fs, &cf, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprint(os.Stderr, msg(cf.lang, "needFile"))
		return errUsage
	}
	path := fs.Arg(0)
	d, closeDesk, err := openDesk(ctx, cf, *actor, nil)
	if err != nil {
		return err
	}
	defer closeDesk()
	f, err := os.Open(path)
	if err != nil {
		return fileError(cf.lang, "import bridgepoints", path, err)
	}
	defer f.Close()
	n, err := d.ImportBridgePoints(ctx, f, cf.lang)
	if err != nil {
		var ie *endpoints.ImportError
		if errors.As(err, &ie) {
			fmt.Fprintf(os.Stderr, msg(cf.lang, "importFailed"), path, err)
			return errUsage
		}
		return err
	}
	fmt.Fprintf(os.Stdout, msg(cf.lang, "imported"), n, path)
	return nil
}

// importFile opens path and imports it into the registry.
func importFile(ctx context.Context, reg *endpoints.Registry, path, lang string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fileError(lang, "import bridgepoints", path, err)
	}
	defer f.Close()
	return reg.Import(ctx, f, lang)
}

// runBridgePoint handles diemcau bridgepoint rotate ID (and sip-trust, cmd_siptrust.go).
func runBridgePoint(ctx context.Context, args []string) error {
	var cf commonFlags
	lang := langFromArgs(args)
	args = wordFirst(args, "rotate", "sip-trust")
	if len(args) > 0 && args[0] == "sip-trust" {
		return runSIPTrust(ctx, args[1:])
	}
	if len(args) < 1 || args[0] != "rotate" {
		fmt.Fprintf(os.Stderr, msg(lang, "subcommandUsage"), msg(lang, "rotateUsage"))
		return errUsage
	}
	fs := newFlagSet("bridgepoint rotate", &cf, "diemcau.db")
	actor := actorFlag(fs)
	if err := parse(fs, &cf, args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprint(os.Stderr, msg(cf.lang, "needID"))
		return errUsage
	}
	d, closeDesk, err := openDesk(ctx, cf, *actor, nil)
	if err != nil {
		return err
	}
	defer closeDesk()
	secret, err := d.RotateSecret(ctx, fs.Arg(0))
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(os.Stderr, msg(cf.lang, "unknownBP"), fs.Arg(0))
		return errUsage
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, msg(cf.lang, "rotated"), fs.Arg(0), secret)
	return nil
}

// loadMedia finds the folder with the sample clips and the sample registry (--media, else the
// testdata folder of the working directory or a parent) and loads the clips, wording a missing
// or broken clip for the user.
func loadMedia(flagValue, lang string) (dir string, clips *softep.Clips, err error) {
	dir = flagValue
	if dir == "" {
		if dir, err = softep.FindTestdata(); err != nil {
			return "", nil, &localError{text: msg(lang, "noTestdata"), err: err}
		}
	}
	clips, err = softep.LoadClips(dir)
	var pe *fs.PathError
	switch {
	case err == nil:
		return dir, clips, nil
	case errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist):
		return "", nil, &localError{text: fmt.Sprintf(msg(lang, "clipMissing"), pe.Path, dir), err: err}
	}
	return "", nil, &localError{text: fmt.Sprintf(msg(lang, "clipBroken"), dir, err), err: err}
}

// demoRegistry returns the first n bridge points of the registry, importing the sample registry
// first when the demo database has none. An n larger than the registry (or the sample) is
// refused before anything is imported.
func (a *app) demoRegistry(ctx context.Context, media string, n int) ([]store.BridgePoint, error) {
	bps, err := a.reg.BridgePoints(ctx)
	if err != nil {
		return nil, err
	}
	sample := filepath.Join(media, "registry-gialai.csv")
	size := len(bps)
	if size == 0 {
		size = csvRows(sample) // a file that cannot be read or parsed: the import says why
	}
	if size >= 0 && n > size {
		return nil, &localError{text: fmt.Sprintf(msg(a.flags.lang, "demoN"), size, n)}
	}
	if len(bps) == 0 {
		a.log.Info("importing the sample registry", "file", sample)
		if _, err := importFile(ctx, a.reg, sample, a.flags.lang); err != nil {
			return nil, err
		}
		if bps, err = a.reg.BridgePoints(ctx); err != nil {
			return nil, err
		}
	}
	return bps[:min(n, len(bps))], nil
}

// csvRows counts the rows after the header of a CSV file; -1 when it cannot be read as CSV.
func csvRows(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) == 0 {
		return -1
	}
	return len(recs) - 1
}
