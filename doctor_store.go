package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"diemcau/meeting"
	"diemcau/sshd"
	"diemcau/store"
	"diemcau/tui"
)

// checkStore checks the database (read-only), the registry in it and the authorized keys
// against that registry.
func (d *doctor) checkStore(ctx context.Context) {
	db := d.cf.db
	st, err := store.OpenReadOnly(ctx, db)
	var known func(string) bool
	mainBP := ""
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.add(levelFail, d.fixText("dbMissingFix", db), "dbMissing", db)
	case err != nil:
		d.add(levelFail, d.fixText("dbBadFix", db), "dbBad", db, err)
	default:
		defer st.Close()
		known, mainBP = d.checkSchemaAndRegistry(ctx, st)
	}
	d.checkKeys(known, mainBP)
}

// checkSchemaAndRegistry reports the schema version and the registry; it returns the registry's
// bridge-point check and the main bridge point's id.
func (d *doctor) checkSchemaAndRegistry(ctx context.Context, st *store.Store) (func(string) bool, string) {
	db := d.cf.db
	v, err := st.SchemaVersion(ctx)
	latest := store.LatestSchemaVersion()
	switch {
	case err != nil:
		d.add(levelFail, d.fixText("dbBadFix", db), "dbBad", db, err)
		return nil, ""
	case v > latest:
		d.add(levelFail, d.fixText("dbNewerFix"), "dbNewer", db, v, latest)
		return nil, ""
	case v < latest:
		d.add(levelWarn, "", "dbOlder", db, v, latest)
	default:
		d.add(levelOK, "", "dbOK", db, v)
	}
	bps, err := st.BridgePoints(ctx)
	if err != nil {
		d.add(levelFail, d.fixText("dbBadFix", db), "dbBad", db, err)
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
		d.add(levelFail, d.fixText("regFix", db), "regEmpty")
	case mainBP == "":
		d.add(levelFail, d.fixText("regFix", db), "regNoMain", len(bps))
	default:
		d.add(levelOK, "", "regOK", len(bps), mainBP)
	}
	return func(id string) bool { return ids[id] }, mainBP
}

// checkKeys reports every skipped or doubtful line of authorized_keys and the roles that have
// no key: a control key is needed, and a host key for the main bridge point is advised.
func (d *doctor) checkKeys(known func(string) bool, mainBP string) {
	path := d.cf.authorizedKeys
	data, err := os.ReadFile(path)
	if err != nil {
		d.add(levelFail, d.fixText("keysFix"), "keysMissing", path)
		return
	}
	ids, problems := sshd.ParseAuthorizedKeys(data, known)
	for _, p := range problems {
		l := levelWarn
		if p.Skipped {
			l = levelFail
		}
		line := sshd.KeyProblemsText(d.cf.lang, path, []sshd.KeyProblem{p})
		d.add(l, d.fixText("keysLineFix", path), "keysLine", line[:len(line)-1])
	}
	count := map[tui.Role]int{}
	hostOfMain := false
	for _, id := range ids {
		count[id.Role]++
		if id.Role == tui.RoleHost && id.BridgePoint == mainBP {
			hostOfMain = true
		}
	}
	if count[tui.RoleControl] == 0 {
		d.add(levelFail, d.fixText("keysFix"), "keysNoControl")
		return
	}
	if mainBP != "" && !hostOfMain {
		d.add(levelWarn, d.fixText("keysHostFix", mainBP), "keysNoHost", mainBP)
	}
	d.add(levelOK, "", "keysOK", count[tui.RoleControl], count[tui.RoleHost], count[tui.RoleOperator], count[tui.RoleViewer])
}

// checkCalendar checks that the holiday calendar loads and covers this year and the next.
func (d *doctor) checkCalendar() {
	name := d.cf.holidays
	if name == "" {
		name = dmsg(d.cf.lang, "calBuiltin")
	}
	cal, err := d.cf.calendar()
	if err != nil {
		d.add(levelFail, d.fixText("calBadFix"), "calBad", name, err)
		return
	}
	first, last := cal.Years()
	next := d.now.AddDate(1, 0, 0)
	for _, t := range []time.Time{d.now, next} {
		if !cal.Covers(t) {
			y := t.In(meeting.Zone()).Year()
			d.add(levelFail, d.fixText("calShortFix", y, name), "calShort", name, first, last, y)
			return
		}
	}
	d.add(levelOK, "", "calOK", name, first, last)
}
