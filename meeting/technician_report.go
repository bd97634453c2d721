package meeting

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"diemcau/store"
)

// rosterView is the roster with every label and value in the report's language.
type rosterView struct {
	Lang, Title, Empty string
	Header             []string
	Rows               [][]string
	Warnings           []string
}

func newRosterView(r Roster, lang string) rosterView {
	t := func(k string, a ...any) string { return bt(lang, k, a...) }
	names := map[string]string{}
	for _, u := range r.Units {
		names[u.ID] = u.Name
	}
	v := rosterView{Lang: lang, Title: t("tech.title"), Empty: t("tech.empty"),
		Header: []string{t("form.no"), t("tech.name"), t("tech.unit"), t("tech.phone"), t("tech.email"),
			t("tech.trained"), t("tech.trainedAt")}}
	for i, tech := range r.Technicians {
		v.Rows = append(v.Rows, []string{strconv.Itoa(i + 1), tech.Name, unitName(names, tech.UnitID) + " (" + tech.UnitID + ")",
			tech.Phone, tech.Email, yesNo(lang, tech.Trained), trainedDate(tech)})
	}
	v.Warnings = RosterWarnings(r.Gaps, lang)
	return v
}

// RosterWarnings says, in lang, which units have fewer than two trained technicians.
func RosterWarnings(gaps []TrainingGap, lang string) []string {
	var out []string
	for _, g := range gaps {
		out = append(out, bt(lang, "tech.warning", g.UnitName, g.UnitID, g.Trained))
	}
	return out
}

func yesNo(lang string, v bool) string {
	if v {
		return bt(lang, "tech.yes")
	}
	return bt(lang, "tech.no")
}

// csvYesNo is the trained column of the CSV roster: có/không in Vietnamese, true/false in
// English; ImportTechnicians reads both back.
func csvYesNo(lang string, v bool) string {
	if v {
		return bt(lang, "tech.csvYes")
	}
	return bt(lang, "tech.csvNo")
}

func trainedDate(t store.Technician) string {
	if t.TrainedAt.IsZero() {
		return ""
	}
	return t.TrainedAt.In(vietnam).Format("02/01/2006")
}

// RosterSummary is the one line of Article 6.6's warning: how many units of the registry have
// fewer than two trained technicians (none at all, one); "" when every unit has two.
func RosterSummary(r Roster, lang string) string {
	if len(r.Gaps) == 0 {
		return ""
	}
	none := 0
	for _, g := range r.Gaps {
		if g.Trained == 0 {
			none++
		}
	}
	return bt(lang, "tech.summary", len(r.Gaps), len(r.Units), MinTrained, none, len(r.Gaps)-none)
}

// RosterNotice is what a terminal is told about the roster's gaps: the summary line, and with
// verbose every unit short of trained technicians after it.
func RosterNotice(r Roster, lang string, verbose bool) []string {
	sum := RosterSummary(r, lang)
	if sum == "" {
		return nil
	}
	if !verbose {
		return []string{sum + " " + bt(lang, "tech.verboseHint")}
	}
	return append([]string{sum}, RosterWarnings(r.Gaps, lang)...)
}

// WriteRosterTable prints the roster as an aligned table, then the gaps of Article 6.6 (one
// summary line; with verbose, every unit) for a terminal.
func WriteRosterTable(w io.Writer, r Roster, lang string, verbose bool) error {
	v := newRosterView(r, lang)
	if len(v.Rows) == 0 {
		if _, err := fmt.Fprintln(w, v.Empty); err != nil {
			return err
		}
	} else if err := writeTable(w, append([][]string{v.Header}, v.Rows...), make([]string, len(v.Rows)+1), false); err != nil {
		return err
	}
	return writeLines(w, RosterNotice(r, lang, verbose))
}

func writeLines(w io.Writer, lines []string) error {
	if len(lines) == 0 {
		return nil
	}
	_, err := io.WriteString(w, "\n"+strings.Join(lines, "\n")+"\n")
	return err
}

// WriteRoster exports the roster (Article 14.4) as format ("md", "csv" or "html") in lang.
func WriteRoster(w io.Writer, r Roster, format, lang string) error {
	v := newRosterView(r, lang)
	switch format {
	case "md", "":
		var b strings.Builder
		fmt.Fprintf(&b, "# %s\n\n| %s |\n|%s\n", v.Title, strings.Join(v.Header, " | "), strings.Repeat("---|", len(v.Header)))
		for _, row := range v.Rows {
			for i := range row {
				row[i] = mdEscape(row[i])
			}
			fmt.Fprintf(&b, "| %s |\n", strings.Join(row, " | "))
		}
		for _, wline := range v.Warnings {
			fmt.Fprintf(&b, "\n> %s\n", wline)
		}
		_, err := io.WriteString(w, b.String())
		return err
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"name", "unit_id", "phone", "email", "trained", "trained_at"})
		for _, t := range r.Technicians {
			at := ""
			if !t.TrainedAt.IsZero() {
				at = t.TrainedAt.In(vietnam).Format("2006-01-02")
			}
			_ = cw.Write([]string{t.Name, t.UnitID, t.Phone, t.Email, csvYesNo(lang, t.Trained), at})
		}
		cw.Flush()
		return cw.Error()
	case "html":
		return rosterHTML.Execute(w, v)
	}
	return fmt.Errorf("unknown format %q (md, csv, html)", format)
}

// rosterHTML is the printable roster.
var rosterHTML = template.Must(template.New("roster").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>` + reportStyle + `</head><body>
<h1>{{.Title}}</h1>
{{if .Rows}}<table><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>{{else}}<p>{{.Empty}}</p>{{end}}
{{range .Warnings}}<p class="warn">{{.}}</p>
{{end}}</body></html>
`))
