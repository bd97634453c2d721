package ops

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"slices"
	"time"

	"diemcau/meeting"
	"diemcau/store"
)

// checkStore checks the database (read-only), the registry in it and the authorized keys
// against that registry.
func (d *doctor) checkStore(ctx context.Context) {
	db := d.cfg.DB
	st, err := store.OpenReadOnly(ctx, db)
	var known func(string) bool
	mainBP := ""
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.add(LevelFail, d.fixText("dbMissingFix", db), "dbMissing", db)
	case err != nil:
		d.add(LevelFail, d.fixText("dbBadFix", db), "dbBad", db, err)
	default:
		defer st.Close()
		known, mainBP = d.checkSchemaAndRegistry(ctx, st)
	}
	d.checkKeys(known, mainBP)
}

// checkSchemaAndRegistry reports the schema version and the registry; it returns the registry's
// bridge-point check and the main bridge point's id.
func (d *doctor) checkSchemaAndRegistry(ctx context.Context, st *store.Store) (func(string) bool, string) {
	db := d.cfg.DB
	v, err := st.SchemaVersion(ctx)
	latest := store.LatestSchemaVersion()
	switch {
	case err != nil:
		d.add(LevelFail, d.fixText("dbBadFix", db), "dbBad", db, err)
		return nil, ""
	case v > latest:
		d.add(LevelFail, d.fixText("dbNewerFix"), "dbNewer", db, v, latest)
		return nil, ""
	case v < latest:
		d.add(LevelWarn, "", "dbOlder", db, v, latest)
	default:
		d.add(LevelOK, "", "dbOK", db, v)
	}
	bps, err := st.BridgePoints(ctx)
	if err != nil {
		d.add(LevelFail, d.fixText("dbBadFix", db), "dbBad", db, err)
		return nil, ""
	}
	ids := map[string]bool{}
	mainBP := ""
	for _, bp := range bps {
		ids[bp.ID] = true
		if bp.Role == "main" {
			mainBP = bp.ID
		}
	}
	switch {
	case len(bps) == 0:
		d.add(LevelFail, d.fixText("regFix", db), "regEmpty")
	case mainBP == "":
		d.add(LevelFail, d.fixText("regFix", db), "regNoMain", len(bps))
	default:
		d.add(LevelOK, "", "regOK", len(bps), mainBP)
	}
	return func(id string) bool { return ids[id] }, mainBP
}

// checkKeys reports every skipped or doubtful line of authorized_keys and the roles that have
// no key: a control key is needed, and a host key for the main bridge point is advised.
func (d *doctor) checkKeys(known func(string) bool, mainBP string) {
	path := d.cfg.AuthorizedKeys
	data, err := os.ReadFile(path)
	if err != nil {
		d.add(LevelFail, d.fixText("keysFix"), "keysMissing", path)
		return
	}
	keys := d.cfg.Keys(path, data, known)
	for _, p := range keys.Problems {
		l := LevelWarn
		if p.Skipped {
			l = LevelFail
		}
		d.add(l, d.fixText("keysLineFix", path), "keysLine", p.Text)
	}
	if keys.Control == 0 {
		d.add(LevelFail, d.fixText("keysFix"), "keysNoControl")
		return
	}
	if mainBP != "" && !slices.Contains(keys.Hosts, mainBP) {
		d.add(LevelWarn, d.fixText("keysHostFix", mainBP), "keysNoHost", mainBP)
	}
	d.add(LevelOK, "", "keysOK", keys.Control, len(keys.Hosts), keys.Operator, keys.Viewer)
}

// checkCalendar checks that the holiday calendar loads and covers this year and the next.
func (d *doctor) checkCalendar() {
	name := d.cfg.Holidays
	if name == "" {
		name = DoctorText(d.cfg.Lang, "calBuiltin")
	}
	cal, err := d.cfg.Calendar()
	if err != nil {
		d.add(LevelFail, d.fixText("calBadFix"), "calBad", name, err)
		return
	}
	first, last := cal.Years()
	next := d.cfg.Now.AddDate(1, 0, 0)
	for _, t := range []time.Time{d.cfg.Now, next} {
		if !cal.Covers(t) {
			y := t.In(meeting.Zone()).Year()
			d.add(LevelFail, d.fixText("calShortFix", y, name), "calShort", name, first, last, y)
			return
		}
	}
	d.add(LevelOK, "", "calOK", name, first, last)
}
