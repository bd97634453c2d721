package meeting

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"
	"unicode"

	"diemcau/store"
)

// MinTrained is how many trained technicians every unit must have (Articles 6.6, 16.1.c).
const MinTrained = 2

// technicianHeader is the first line of a technician file.
var technicianHeader = []string{"name", "unit_id", "phone", "email", "trained", "trained_at"}

// TechnicianProblem is one bad line (and field) of a technician file.
type TechnicianProblem struct {
	Line   int
	Field  string // column name; "" for the whole line
	Reason string // catalogue key
	Args   []any
}

// TechnicianFileError lists every problem of a technician file; nothing was imported. With
// Flags the problems are of one technician given on the command line (no file, no lines).
type TechnicianFileError struct {
	Problems []TechnicianProblem
	Flags    bool
}

// Error is the Vietnamese message.
func (e *TechnicianFileError) Error() string { return e.Message("vi") }

// Message lists the problems in lang, one a line, with line numbers and fields.
func (e *TechnicianFileError) Message(lang string) string {
	var b strings.Builder
	if e.Flags {
		b.WriteString(bt(lang, "tech.addRefused"))
	} else {
		b.WriteString(bt(lang, "tech.csvRefused", len(e.Problems)))
	}
	for _, p := range e.Problems {
		reason := bt(lang, p.Reason, p.Args...)
		switch {
		case e.Flags && p.Field != "":
			b.WriteString("\n  " + bt(lang, "tech.flag", flagOf(p.Field), reason))
		case e.Flags:
			b.WriteString("\n  " + reason)
		case p.Field != "":
			b.WriteString("\n  " + bt(lang, "tech.lineField", p.Line, p.Field, reason))
		default:
			b.WriteString("\n  " + bt(lang, "tech.line", p.Line, reason))
		}
	}
	return b.String()
}

// flagOf is the command-line flag of a technician file's column: unit_id is --unit.
func flagOf(column string) string {
	switch column {
	case "unit_id":
		return "unit"
	case "trained_at":
		return "trained-at"
	}
	return column
}

// ParseTechnicians reads a technician file (CSV with the header
// name,unit_id,phone,email,trained,trained_at) and checks each line against the units known
// (by ID) and now. If anything is wrong it returns a *TechnicianFileError listing every problem.
func ParseTechnicians(r io.Reader, units map[string]string, now time.Time) ([]store.Technician, error) {
	rows, fault, err := readCSVRows(r, "technician", technicianHeader, "tech.header")
	if err != nil {
		return nil, err
	}
	e := &TechnicianFileError{}
	if fault != nil {
		e.Problems = append(e.Problems, TechnicianProblem{Line: fault.Line, Reason: fault.Reason})
	}
	var out []store.Technician
	seen := map[string]int{}
	for _, row := range rows {
		rec, line := row.Rec, row.Line
		t, probs := technicianLine(rec, line, units, now)
		key := t.UnitID + "\x00" + t.Name
		if prev, dup := seen[key]; dup && len(probs) == 0 {
			probs = append(probs, TechnicianProblem{Line: line, Reason: "tech.duplicate", Args: []any{prev}})
		}
		seen[key] = line
		e.Problems = append(e.Problems, probs...)
		out = append(out, t)
	}
	if len(e.Problems) == 0 && len(out) == 0 {
		e.Problems = append(e.Problems, TechnicianProblem{Line: 1, Reason: "tech.noRows"})
	}
	if len(e.Problems) > 0 {
		return nil, e
	}
	return out, nil
}

// technicianLine checks one record.
func technicianLine(rec []string, line int, units map[string]string, now time.Time) (store.Technician, []TechnicianProblem) {
	var probs []TechnicianProblem
	bad := func(field, reason string, args ...any) {
		probs = append(probs, TechnicianProblem{Line: line, Field: field, Reason: reason, Args: args})
	}
	if len(rec) != len(technicianHeader) {
		bad("", "tech.columns", len(rec))
		return store.Technician{}, probs
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	t := store.Technician{Name: rec[0], UnitID: rec[1], Phone: rec[2], Email: rec[3]}
	if t.Name == "" {
		bad("name", "tech.required")
	}
	if _, ok := units[t.UnitID]; t.UnitID == "" {
		bad("unit_id", "tech.required")
	} else if !ok {
		bad("unit_id", "tech.unknownUnit", t.UnitID)
	}
	if t.Phone != "" && !validPhone(t.Phone) {
		bad("phone", "tech.badPhone", t.Phone)
	}
	if t.Email != "" {
		if a, err := mail.ParseAddress(t.Email); err != nil || a.Address != t.Email {
			bad("email", "tech.badEmail", t.Email)
		}
	}
	trained, ok := parseYesNo(rec[4])
	if !ok {
		bad("trained", "tech.badBool", rec[4])
	}
	t.Trained = trained
	if rec[5] != "" {
		d, err := time.ParseInLocation(time.DateOnly, rec[5], vietnam)
		switch {
		case err != nil:
			bad("trained_at", "tech.badDate", rec[5])
		case ok && !trained:
			bad("trained_at", "tech.dateNoTrain")
		case d.After(now):
			bad("trained_at", "tech.futureDate", rec[5])
		default:
			t.TrainedAt = d
		}
	}
	return t, probs
}

// validPhone accepts digits with spaces, dots, dashes, parentheses and a leading +.
func validPhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case r == '+' && i == 0, r == ' ', r == '.', r == '-', r == '(', r == ')':
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 15
}

// parseYesNo reads the trained column: yes/no, có/không, true/false, 1/0, x/"".
func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "có", "co", "true", "1", "x":
		return true, true
	case "no", "n", "không", "khong", "false", "0", "":
		return false, true
	}
	return false, false
}

// TrainingGap is a unit with fewer than MinTrained trained technicians.
type TrainingGap struct {
	UnitID, UnitName string
	Trained          int
}

// TrainingGaps returns every unit of the registry with fewer than MinTrained trained
// technicians on the roster, in the registry's order.
func TrainingGaps(units []store.Unit, roster []store.Technician) []TrainingGap {
	count := map[string]int{}
	for _, t := range roster {
		if t.Trained {
			count[t.UnitID]++
		}
	}
	var out []TrainingGap
	for _, u := range units {
		if n := count[u.ID]; n < MinTrained {
			out = append(out, TrainingGap{UnitID: u.ID, UnitName: u.Name, Trained: n})
		}
	}
	return out
}

// Roster is the technician list with the registry's units, for reports and warnings.
type Roster struct {
	Units       []store.Unit
	Technicians []store.Technician
	Gaps        []TrainingGap
}

// LoadRoster reads the roster and the units and finds the training gaps.
func LoadRoster(ctx context.Context, st *store.Store) (Roster, error) {
	units, err := st.Units(ctx)
	if err != nil {
		return Roster{}, err
	}
	ts, err := st.Technicians(ctx)
	if err != nil {
		return Roster{}, err
	}
	return Roster{Units: units, Technicians: ts, Gaps: TrainingGaps(units, ts)}, nil
}

// ImportTechnicians parses a technician file and imports it, all or nothing, audited as actor.
// It returns how many technicians were added and updated.
func ImportTechnicians(ctx context.Context, st *store.Store, r io.Reader, actor string, now time.Time) (added, updated int, err error) {
	units, err := st.Units(ctx)
	if err != nil {
		return 0, 0, err
	}
	known := map[string]string{}
	for _, u := range units {
		known[u.ID] = u.Name
	}
	ts, err := ParseTechnicians(r, known, now)
	if err != nil {
		return 0, 0, err
	}
	return st.ImportTechnicians(ctx, ts, store.AuditEntry{At: now, Actor: actor, Action: ActionTechnicianImport,
		Detail: fmt.Sprintf("%d lines", len(ts))})
}

// AddTechnician checks one technician, given by flags, like a line of a file, refuses a person
// already on the roster of the same unit (names compared as people say them), and adds it,
// audited as actor in the same transaction. Problems come back as a *TechnicianFileError with Flags set.
func AddTechnician(ctx context.Context, st *store.Store, t store.Technician, actor string, now time.Time) (int64, error) {
	units, err := st.Units(ctx)
	if err != nil {
		return 0, err
	}
	known := map[string]string{}
	for _, u := range units {
		known[u.ID] = u.Name
	}
	trained, trainedAt := "no", ""
	if t.Trained {
		trained = "yes"
	}
	if !t.TrainedAt.IsZero() {
		trainedAt = t.TrainedAt.In(vietnam).Format(time.DateOnly)
	}
	checked, probs := technicianLine([]string{t.Name, t.UnitID, t.Phone, t.Email, trained, trainedAt}, 0, known, now)
	if len(probs) == 0 {
		roster, err := st.Technicians(ctx)
		if err != nil {
			return 0, err
		}
		if same, ok := samePerson(roster, checked); ok {
			probs = append(probs, TechnicianProblem{Field: "name", Reason: "tech.exists",
				Args: []any{checked.UnitID, same.Name, same.ID}})
		}
	}
	if len(probs) > 0 {
		return 0, &TechnicianFileError{Problems: probs, Flags: true}
	}
	id, err := st.AddTechnicianAudited(ctx, checked, store.AuditEntry{At: now, Actor: actor, Action: ActionTechnicianAdd,
		Detail: fmt.Sprintf("%s (%s)", checked.Name, checked.UnitID)})
	if errors.Is(err, store.ErrDuplicate) {
		return 0, &TechnicianFileError{Flags: true, Problems: []TechnicianProblem{{Field: "name",
			Reason: "tech.exists", Args: []any{checked.UnitID, checked.Name, int64(0)}}}}
	}
	if err != nil {
		return 0, err
	}
	return id, nil
}

// samePerson finds the technician of t's unit whose name is t's, case, diacritics and spacing
// aside.
func samePerson(roster []store.Technician, t store.Technician) (store.Technician, bool) {
	for _, r := range roster {
		if r.UnitID == t.UnitID && FoldName(r.Name) == FoldName(t.Name) {
			return r, true
		}
	}
	return store.Technician{}, false
}
