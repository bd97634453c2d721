package meeting

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// annualTable is one titled table of the yearly report.
type annualTable struct {
	Title  string
	Header []string
	Rows   [][]string
	Empty  string
}

// annualView is the yearly report with every label and value in its language.
type annualView struct {
	Lang, Appendix, Title, Due, Source string
	Tables                             []annualTable
}

var incidentKindOrder = []string{"line", "audio", "video", "power", "device", "other"}

func newAnnualView(a Annual, lang string) annualView {
	t := func(k string, args ...any) string { return bt(lang, k, args...) }
	src := []string{}
	if a.FromOutages {
		src = append(src, t("annual.interruptSrc.outages"))
	}
	if a.FromIncidents {
		src = append(src, t("annual.interruptSrc.incidents"))
	}
	interrupt := t("annual.interrupt")
	if len(src) > 0 {
		interrupt += " (" + strings.Join(src, "; ") + ")"
	}
	v := annualView{Lang: lang, Appendix: t("annual.appendix"), Title: t("annual.title", a.Year),
		Due: t("annual.due", formatWhen(a.Due)), Source: t("annual.source")}
	v.Tables = append(v.Tables, annualTable{Title: t("annual.summary"), Header: []string{t("form.field"), t("form.value")},
		Rows: [][]string{
			{t("annual.meetings"), strconv.Itoa(a.Meetings)},
			{t("annual.hours"), hours(a.Hours)},
			{t("annual.points"), strconv.Itoa(a.BridgePoints)},
			{t("annual.pointUses"), strconv.Itoa(a.PointUses)},
			{t("annual.attendees"), strconv.Itoa(a.Attendees)},
			{interrupt, strconv.FormatFloat(a.Interruption.Minutes(), 'f', 1, 64)},
		}})
	units := annualTable{Title: t("annual.byUnit"), Header: []string{t("annual.unit"), t("annual.meetings"), t("annual.hours")}, Empty: t("annual.none")}
	for _, u := range a.ByUnit {
		units.Rows = append(units.Rows, []string{u.Name + " (" + cmpDash(u.UnitID) + ")", strconv.Itoa(u.Meetings), hours(u.Hours)})
	}
	months := annualTable{Title: t("annual.byMonth"), Header: []string{t("annual.month"), t("annual.meetings")}}
	for i, n := range a.ByMonth {
		months.Rows = append(months.Rows, []string{strconv.Itoa(i+1) + "/" + strconv.Itoa(a.Year), strconv.Itoa(n)})
	}
	kinds := annualTable{Title: t("annual.byKind"), Header: []string{t("annual.kind"), t("annual.meetings")}}
	for _, k := range MeetingKinds {
		kinds.Rows = append(kinds.Rows, []string{t("kind." + k), strconv.Itoa(a.ByKind[k])})
	}
	if n := a.ByKind[""]; n > 0 {
		kinds.Rows = append(kinds.Rows, []string{t("annual.noKind"), strconv.Itoa(n)})
	}
	inc := annualTable{Title: t("annual.incidents"), Header: []string{t("annual.kind"), t("annual.count")}}
	for _, k := range incidentKindOrder {
		inc.Rows = append(inc.Rows, []string{t("inc." + k), strconv.Itoa(a.Incidents[k])})
	}
	r := a.Recordings
	rec := annualTable{Title: t("annual.recordings"), Header: []string{t("form.field"), t("annual.count")},
		Rows: [][]string{{t("annual.recDue"), strconv.Itoa(r.Due)}, {t("annual.recOnTime"), strconv.Itoa(r.OnTime)},
			{t("annual.recLate"), strconv.Itoa(r.Late)}, {t("annual.recPending"), strconv.Itoa(r.Pending)},
			{t("annual.recMade"), strconv.Itoa(r.Made)}, {t("annual.recDelivered"), strconv.Itoa(r.Delivered)}}}
	gaps := annualTable{Title: t("annual.training"), Header: []string{t("annual.unit"), t("annual.trained")}, Empty: t("annual.none")}
	for _, g := range a.Gaps {
		gaps.Rows = append(gaps.Rows, []string{g.UnitName + " (" + g.UnitID + ")", strconv.Itoa(g.Trained)})
	}
	v.Tables = append(v.Tables, units, months, kinds, inc, rec, gaps)
	return v
}

func hours(h float64) string { return strconv.FormatFloat(h, 'f', 1, 64) }

// WriteAnnual prints the yearly statistics (Appendix III) as format ("md", "csv" or "html") in lang.
func WriteAnnual(w io.Writer, a Annual, format, lang string) error {
	v := newAnnualView(a, lang)
	switch format {
	case "md", "":
		var b strings.Builder
		fmt.Fprintf(&b, "*%s*\n\n# %s\n\n%s\n\n%s\n", v.Appendix, v.Title, v.Due, v.Source)
		for _, tb := range v.Tables {
			fmt.Fprintf(&b, "\n## %s\n\n", tb.Title)
			if len(tb.Rows) == 0 {
				b.WriteString(tb.Empty + "\n")
				continue
			}
			fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(tb.Header, " | "), strings.Repeat("---|", len(tb.Header)))
			for _, row := range tb.Rows {
				cells := make([]string, len(row))
				for i, c := range row {
					cells[i] = mdEscape(c)
				}
				fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write(strings.Split(bt(lang, "annual.csvHeader"), ","))
		for _, tb := range v.Tables {
			for _, row := range tb.Rows {
				_ = cw.Write(append([]string{tb.Title}, padRow(row, 3)...))
			}
		}
		cw.Flush()
		return cw.Error()
	case "html":
		return annualHTML.Execute(w, v)
	}
	return fmt.Errorf("unknown format %q (md, csv, html)", format)
}

// padRow extends row to n cells.
func padRow(row []string, n int) []string {
	for len(row) < n {
		row = append(row, "")
	}
	return row
}

// annualHTML is the printable yearly report.
var annualHTML = template.Must(template.New("annual").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>` + reportStyle + `</head><body>
<p class="appendix">{{.Appendix}}</p>
<h1>{{.Title}}</h1>
<p>{{.Due}}</p><p><i>{{.Source}}</i></p>
{{range .Tables}}<h2>{{.Title}}</h2>
{{if .Rows}}<table><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</table>{{else}}<p>{{.Empty}}</p>{{end}}
{{end}}</body></html>
`))
