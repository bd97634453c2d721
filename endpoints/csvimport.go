package endpoints

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"diemcau/store"
)

// Registry CSV: a header row, then one bridge point per row; UTF-8, optional BOM, comma
// separated, columns in any order by header name:
//
//	id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip
const (
	maxImportBytes = 10 << 20
	maxImportRows  = 10_000
)

// registryColumn is one column of the registry CSV.
type registryColumn struct {
	name     string
	required bool // the header must have it and no row may leave it empty
	maxLen   int  // in characters
}

var registryColumns = []registryColumn{
	{"id", true, 40},
	{"name", true, 200},
	{"unit_id", true, 40},
	{"unit_name", true, 200},
	{"unit_kind", true, 20},
	{"role", true, 10},
	{"room", false, 200},
	{"address", false, 300},
	{"device_ip", false, 64},
}

// registryCode is the shape of bridge point and unit ids: they appear in URLs and the CLI.
var registryCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{1,39}$`)

var (
	unitKinds = map[string]bool{"province": true, "agency": true, "commune": true, "ward": true}
	roles     = map[string]bool{"main": true, "sub": true}
)

// Problem is one thing wrong with an imported file: where, and why in the user's language.
type Problem struct {
	Line   int    // 1-based line in the file, the header being line 1; 0 for the whole file
	Field  string // column name, or "" for the whole line
	Reason string
}

// ImportError lists every problem found in an imported file; nothing was written.
type ImportError struct {
	Problems []Problem
	lang     string
}

// Error lists the problems, one per line, in the language the import was asked for.
func (e *ImportError) Error() string {
	var b strings.Builder
	b.WriteString(localize(e.lang, txtImportFailed, len(e.Problems)))
	for _, p := range e.Problems {
		b.WriteString("\n")
		b.WriteString(p.format(e.lang))
	}
	return b.String()
}

func (p Problem) format(lang string) string {
	switch {
	case p.Line == 0:
		return p.Reason
	case p.Field == "":
		return localize(lang, txtLineOnly, p.Line, p.Reason)
	default:
		return localize(lang, txtLineField, p.Line, p.Field, p.Reason)
	}
}

// registryRow is one valid-looking row: a bridge point and the unit it belongs to.
type registryRow struct {
	line int
	bp   store.BridgePoint
	unit store.Unit
}

// Import reads a registry CSV and, when every row is valid, upserts its units and bridge
// points in one transaction, keeping the join secrets already issued. It returns how many
// bridge points it imported. When anything is wrong it writes nothing and returns an
// *ImportError listing every problem, in lang ("vi" default, "en").
func (r *Registry) Import(ctx context.Context, src io.Reader, lang string) (int, error) {
	return r.importCSV(ctx, src, lang, nil)
}

// ImportAudited is Import with the audit row audit(units, bridgePoints) — how many of each
// the file holds — written in the import's transaction: a file with any problem writes
// neither rows nor audit.
func (r *Registry) ImportAudited(ctx context.Context, src io.Reader, lang string, audit func(units, bridgePoints int) store.AuditEntry) (int, error) {
	return r.importCSV(ctx, src, lang, audit)
}

// importCSV reads, checks and stores a registry CSV, with its audit row when audit is not nil.
func (r *Registry) importCSV(ctx context.Context, src io.Reader, lang string, audit func(units, bridgePoints int) store.AuditEntry) (int, error) {
	data, err := io.ReadAll(io.LimitReader(src, maxImportBytes+1))
	if err != nil {
		return 0, fmt.Errorf("read registry CSV: %w", err)
	}
	if len(data) > maxImportBytes {
		return 0, &ImportError{lang: lang, Problems: []Problem{{Reason: localize(lang, txtTooLarge, maxImportBytes>>20)}}}
	}
	existing, err := r.st.BridgePoints(ctx)
	if err != nil {
		return 0, fmt.Errorf("import registry: %w", err)
	}
	rows, problems := parseRegistryCSV(data, lang)
	problems = append(problems, crossCheckRows(rows, existing, lang)...)
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
		return 0, &ImportError{Problems: problems, lang: lang}
	}
	units, bps := registryBatch(rows)
	if audit == nil {
		err = r.st.ImportRegistry(ctx, units, bps)
	} else {
		err = r.st.ImportRegistryAudited(ctx, units, bps, audit(len(units), len(bps)))
	}
	if err != nil {
		return 0, fmt.Errorf("import registry: %w", err)
	}
	return len(bps), nil
}

// parseRegistryCSV reads the header and rows, checking each field on its own.
func parseRegistryCSV(data []byte, lang string) ([]registryRow, []Problem) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, []Problem{{Line: 1, Reason: localize(lang, txtNoHeader)}}
	}
	if err != nil {
		return nil, []Problem{csvSyntaxProblem(err, lang)}
	}
	headerLine, _ := cr.FieldPos(0)
	index, problems := readRegistryHeader(header, headerLine, lang)
	if index == nil {
		return nil, problems
	}
	var rows []registryRow
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return rows, append(problems, csvSyntaxProblem(err, lang))
		}
		line, _ := cr.FieldPos(0)
		if len(rows) >= maxImportRows {
			return rows, append(problems, Problem{Line: line, Reason: localize(lang, txtTooManyRows, maxImportRows)})
		}
		if len(record) != len(header) {
			problems = append(problems, Problem{Line: line, Reason: localize(lang, txtFieldCount, len(record), len(header))})
			continue
		}
		row, rowProblems := readRegistryRow(record, index, line, lang)
		problems = append(problems, rowProblems...)
		if len(rowProblems) == 0 {
			rows = append(rows, row)
		}
	}
	if len(rows) == 0 && len(problems) == 0 {
		problems = append(problems, Problem{Line: headerLine, Reason: localize(lang, txtNoRows)})
	}
	return rows, problems
}

// readRegistryHeader maps column names to positions. It returns a nil index when a required
// column is missing, since no row could then be read.
func readRegistryHeader(header []string, line int, lang string) (map[string]int, []Problem) {
	known := map[string]bool{}
	for _, c := range registryColumns {
		known[c.name] = true
	}
	index := map[string]int{}
	var problems []Problem
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		switch {
		case !known[name]:
			problems = append(problems, Problem{Line: line, Field: h, Reason: localize(lang, txtUnknownColumn, h)})
		case hasKey(index, name):
			problems = append(problems, Problem{Line: line, Field: name, Reason: localize(lang, txtDuplicateColumn, name)})
		default:
			index[name] = i
		}
	}
	missing := false
	for _, c := range registryColumns {
		if _, ok := index[c.name]; c.required && !ok {
			problems = append(problems, Problem{Line: line, Field: c.name, Reason: localize(lang, txtMissingColumn)})
			missing = true
		}
	}
	if missing {
		return nil, problems
	}
	return index, problems
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// readRegistryRow checks every field of one row and builds the bridge point and its unit.
func readRegistryRow(record []string, index map[string]int, line int, lang string) (registryRow, []Problem) {
	var problems []Problem
	field := map[string]string{}
	for _, c := range registryColumns {
		i, ok := index[c.name]
		if !ok {
			continue
		}
		v := strings.TrimSpace(record[i])
		field[c.name] = v
		if reason := checkRegistryField(c, v, lang); reason != "" {
			problems = append(problems, Problem{Line: line, Field: c.name, Reason: reason})
		}
	}
	row := registryRow{
		line: line,
		unit: store.Unit{ID: field["unit_id"], Name: field["unit_name"], Kind: strings.ToLower(field["unit_kind"])},
		bp: store.BridgePoint{ID: field["id"], Name: field["name"], UnitID: field["unit_id"],
			Role: strings.ToLower(field["role"]), Room: field["room"], Address: field["address"],
			DeviceIP: canonicalIP(field["device_ip"])},
	}
	return row, problems
}

// checkRegistryField returns why the value of column c is wrong, or "".
func checkRegistryField(c registryColumn, v, lang string) string {
	switch {
	case !utf8.ValidString(v):
		return localize(lang, txtBadUTF8)
	case v == "" && c.required:
		return localize(lang, txtRequired)
	case utf8.RuneCountInString(v) > c.maxLen:
		return localize(lang, txtTooLong, c.maxLen)
	case v == "":
		return ""
	}
	switch c.name {
	case "id", "unit_id":
		if !registryCode.MatchString(v) {
			return localize(lang, txtBadCode, v)
		}
	case "unit_kind":
		if !unitKinds[strings.ToLower(v)] {
			return localize(lang, txtBadUnitKind, v)
		}
	case "role":
		if !roles[strings.ToLower(v)] {
			return localize(lang, txtBadRole, v)
		}
	case "device_ip":
		if a, err := netip.ParseAddr(v); err != nil || a.Zone() != "" {
			return localize(lang, txtBadIP, v)
		}
	}
	return ""
}

// canonicalIP writes a valid address in its canonical form; anything else is left as is.
func canonicalIP(v string) string {
	if a, err := netip.ParseAddr(v); err == nil {
		return a.String()
	}
	return v
}

// csvSyntaxProblem turns an encoding/csv error into a Problem at its line.
func csvSyntaxProblem(err error, lang string) Problem {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return Problem{Reason: localize(lang, txtCSVSyntax, err)}
	}
	reason := localize(lang, txtCSVSyntax, pe.Err)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		reason = localize(lang, txtBareQuote)
	case errors.Is(pe.Err, csv.ErrQuote):
		reason = localize(lang, txtBadQuote)
	}
	return Problem{Line: pe.Line, Reason: reason}
}

// crossCheckRows finds what no single row shows: repeated ids, a unit described two ways,
// and more than one main bridge point in the registry once this file is applied.
func crossCheckRows(rows []registryRow, existing []store.BridgePoint, lang string) []Problem {
	var problems []Problem
	idLine := map[string]int{}
	unitRow := map[string]registryRow{}
	var mains []registryRow
	for _, row := range rows {
		if first, ok := idLine[row.bp.ID]; ok {
			problems = append(problems, Problem{Line: row.line, Field: "id", Reason: localize(lang, txtDuplicateID, row.bp.ID, first)})
		} else {
			idLine[row.bp.ID] = row.line
		}
		if first, ok := unitRow[row.unit.ID]; ok {
			if first.unit.Name != row.unit.Name {
				problems = append(problems, Problem{Line: row.line, Field: "unit_name",
					Reason: localize(lang, txtUnitNameConflict, row.unit.ID, first.line, first.unit.Name)})
			}
			if first.unit.Kind != row.unit.Kind {
				problems = append(problems, Problem{Line: row.line, Field: "unit_kind",
					Reason: localize(lang, txtUnitKindConflict, row.unit.ID, first.line, first.unit.Kind)})
			}
		} else {
			unitRow[row.unit.ID] = row
		}
		if row.bp.Role == "main" {
			mains = append(mains, row)
		}
	}
	for i := 1; i < len(mains); i++ {
		problems = append(problems, Problem{Line: mains[i].line, Field: "role",
			Reason: localize(lang, txtSecondMain, mains[0].bp.ID, mains[0].line)})
	}
	if len(mains) > 0 {
		for _, bp := range existing {
			if _, inFile := idLine[bp.ID]; bp.Role == "main" && !inFile {
				problems = append(problems, Problem{Line: mains[0].line, Field: "role",
					Reason: localize(lang, txtExistingMain, bp.ID)})
			}
		}
	}
	return problems
}

// registryBatch turns checked rows into the store's batch: each unit once, in file order.
func registryBatch(rows []registryRow) ([]store.Unit, []store.BridgePoint) {
	var units []store.Unit
	seen := map[string]bool{}
	bps := make([]store.BridgePoint, 0, len(rows))
	for _, row := range rows {
		if !seen[row.unit.ID] {
			seen[row.unit.ID] = true
			units = append(units, row.unit)
		}
		bps = append(bps, row.bp)
	}
	return units, bps
}
