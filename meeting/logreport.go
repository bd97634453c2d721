package meeting

import (
	"encoding/csv"
	"fmt"
	"html/template"
	"io"
	"strings"

	"diemcau/store"
)

// LogFormats are the formats WriteLog knows.
var LogFormats = []string{"md", "csv", "html"}

// WriteLog prints a closed meeting's log in the layout of Appendix II, as format ("md", "csv"
// or "html"), in lang.
func WriteLog(w io.Writer, l Log, format, lang string) error {
	v := newLogView(l, lang)
	switch format {
	case "md", "":
		return writeLogMarkdown(w, v)
	case "csv":
		return writeLogCSV(w, v)
	case "html":
		return logHTML.Execute(w, v)
	}
	return fmt.Errorf("unknown format %q (md, csv, html)", format)
}

// logView is the log as the report shows it: every label and value already in the language.
type logView struct {
	Lang, Title, MeetingLabel, Meeting, WhenLabel, When, UnitLabel, Unit string
	No, BridgePoint, Status, Devices, TotalLabel, Total, Signed          string
	AttendeesLabel, Attendees                                            string // total attendees, from the roll call
	Sections                                                             []logSection
	State                                                                string // submitted, closed or incomplete
	Incomplete                                                           bool
	PendingTitle                                                         string
	Pending                                                              []string // one line per incident not yet settled
}

// logSection is "I. Điểm cầu chính" or "II. Điểm cầu phụ" with its rows.
type logSection struct {
	Roman, Title string
	Rows         []logRow
}

// logRow is one bridge point's row.
type logRow struct {
	No                                  int
	ID, Name, Status, Description       string
	Interruption, Devices               string
	Camera, Codec, Mic, Cables, Other   string
	StatusCode, CameraCode, OtherNote   string
	CodecCode, MicCode, CablesCode      string
	OtherCode, InterruptionLabel, Label string
	AttendeesLabel, Attendees           string
}

func newLogView(l Log, lang string) logView {
	t := func(k floorKey) string { return floorText(lang, k) }
	m := l.Meeting
	start, end := m.StartedAt.In(Zone()), m.EndedAt.In(Zone())
	v := logView{Lang: lang, Title: t(fkLogTitle), MeetingLabel: t(fkLogMeeting), Meeting: m.Title,
		WhenLabel: t(fkLogWhen), When: start.Format("15:04") + "–" + end.Format("15:04 02/01/2006"),
		UnitLabel: t(fkLogUnit), Unit: l.HostName, No: t(fkLogNo), BridgePoint: t(fkLogBridgePoint),
		Status: t(fkLogStatus), Devices: t(fkLogDevices), TotalLabel: t(fkLogTotalInterruption),
		Total: FormatDuration(l.Total, lang), Signed: t(fkLogSigned), AttendeesLabel: t(fkLogAttendeesLabel),
		Attendees: l.Attended.totalText(lang, len(l.Entries))}
	main := logSection{Roman: "I", Title: t(fkLogMainSection)}
	sub := logSection{Roman: "II", Title: t(fkLogSubSection)}
	for _, e := range l.Entries {
		sec := &sub
		if e.Main {
			sec = &main
		}
		row := newLogRow(e, len(sec.Rows)+1, lang)
		row.AttendeesLabel, row.Attendees = t(fkLogAttendees), l.Attended.attendeesText(e.BridgePoint)
		sec.Rows = append(sec.Rows, row)
	}
	v.Sections = []logSection{main, sub}
	v.Incomplete = l.Incomplete
	switch {
	case l.Incomplete:
		v.State = t(fkLogStateIncomplete)
	case !m.LogSubmittedAt.IsZero():
		v.State = floorText(lang, fkLogStateSubmitted, m.LogSubmittedAt.In(Zone()).Format("15:04 02/01/2006"))
	default:
		v.State = t(fkLogStateClosed)
	}
	if len(l.Pending) > 0 {
		v.PendingTitle = t(fkLogPendingTitle)
		names := map[string]string{}
		for _, e := range l.Entries {
			names[e.BridgePoint] = e.Name
		}
		for _, in := range l.Pending {
			v.Pending = append(v.Pending, pendingLine(in, names, lang))
		}
	}
	return v
}

// pendingLine describes an incident not yet settled: number, state, bridge point, start, text.
func pendingLine(in store.Incident, names map[string]string, lang string) string {
	state := floorText(lang, fkLogPendingDraft)
	if in.Status == "open" {
		state = floorText(lang, fkLogPendingOpen)
	}
	who := in.BridgePoint
	if n := names[who]; n != "" {
		who = n + " (" + who + ")"
	}
	when := ""
	if !in.StartedAt.IsZero() {
		when = in.StartedAt.In(Zone()).Format("15:04 02/01/2006") + " "
	}
	return fmt.Sprintf("#%d %s: %s %s%s", in.ID, state, who, when, in.Description)
}

func newLogRow(e store.MeetingLogEntry, no int, lang string) logRow {
	t := func(k floorKey) string { return floorText(lang, k) }
	dev := func(code string) string {
		if code == store.LogDamaged {
			return "☐ " + t(fkLogNormal) + " ☒ " + t(fkLogDamaged)
		}
		return "☒ " + t(fkLogNormal) + " ☐ " + t(fkLogDamaged)
	}
	status := "☒ " + t(fkLogNormal) + " ☐ " + t(fkLogIncident)
	if e.Status == store.LogIncident {
		status = "☐ " + t(fkLogNormal) + " ☒ " + t(fkLogIncident)
	}
	other := t(fkLogOther)
	if e.OtherNote != "" {
		other += " (" + e.OtherNote + ")"
	}
	r := logRow{No: no, ID: e.BridgePoint, Name: e.Name, Status: status, Description: e.IncidentText,
		Interruption: FormatDuration(e.Interruption, lang), InterruptionLabel: t(fkLogInterruption),
		Label: t(fkLogDescription), Camera: dev(e.Camera), Codec: dev(e.Codec), Mic: dev(e.Microphone),
		Cables: dev(e.Cables), Other: dev(e.Other), StatusCode: e.Status, CameraCode: e.Camera,
		CodecCode: e.Codec, MicCode: e.Microphone, CablesCode: e.Cables, OtherCode: e.Other, OtherNote: e.OtherNote}
	r.Devices = strings.Join([]string{
		t(fkLogCamera) + ": " + r.Camera, t(fkLogCodec) + ": " + r.Codec, t(fkLogMicrophone) + ": " + r.Mic,
		t(fkLogCables) + ": " + r.Cables, other + ": " + r.Other,
	}, "; ")
	return r
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.NewReplacer("|", `\|`, "\r", " ", "\n", " ").Replace(s)
	return strings.TrimSpace(s)
}

func writeLogMarkdown(w io.Writer, v logView) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", v.Title)
	if v.Incomplete {
		fmt.Fprintf(&b, "> **%s**\n\n", v.State)
	}
	fmt.Fprintf(&b, "%s: %s  \n%s: %s  \n%s: %s\n\n", v.MeetingLabel, mdCell(v.Meeting), v.WhenLabel, v.When, v.UnitLabel, mdCell(v.Unit))
	fmt.Fprintf(&b, "| %s | %s | %s | %s |\n|---|---|---|---|\n", v.No, v.BridgePoint, v.Status, v.Devices)
	for _, s := range v.Sections {
		fmt.Fprintf(&b, "| **%s** | **%s** | | |\n", s.Roman, s.Title)
		for _, r := range s.Rows {
			status := r.Status + ". " + r.Label + ": " + r.Description + ". " + r.InterruptionLabel + ": " + r.Interruption +
				". " + r.AttendeesLabel + ": " + r.Attendees
			fmt.Fprintf(&b, "| %d | %s (%s) | %s | %s |\n", r.No, mdCell(r.Name), mdCell(r.ID), mdCell(status), mdCell(r.Devices))
		}
	}
	fmt.Fprintf(&b, "\n%s: %s  \n%s: %s\n\n", v.TotalLabel, v.Total, v.AttendeesLabel, v.Attendees)
	if !v.Incomplete {
		fmt.Fprintf(&b, "%s\n\n", v.State)
	}
	if len(v.Pending) > 0 {
		fmt.Fprintf(&b, "%s:\n\n", v.PendingTitle)
		for _, p := range v.Pending {
			fmt.Fprintf(&b, "- %s\n", strings.ReplaceAll(p, "\n", " "))
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s\n", v.Signed)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeLogCSV(w io.Writer, v logView) error {
	cw := csv.NewWriter(w)
	t := func(k floorKey) string { return floorText(v.Lang, k) }
	_ = cw.Write([]string{v.MeetingLabel, v.Meeting, v.WhenLabel, v.When, v.UnitLabel, v.Unit})
	_ = cw.Write([]string{"", v.No, t(fkLogID), v.BridgePoint, v.Status, t(fkLogDescription), t(fkLogInterruption),
		t(fkLogCamera), t(fkLogCodec), t(fkLogMicrophone), t(fkLogCables), t(fkLogOther), t(fkLogOther) + " (…)", t(fkLogAttendees)})
	for _, s := range v.Sections {
		for _, r := range s.Rows {
			c := func(code string) string { return logCode(v.Lang, code) }
			_ = cw.Write([]string{s.Roman, fmt.Sprint(r.No), r.ID, r.Name, c(r.StatusCode), r.Description, r.Interruption,
				c(r.CameraCode), c(r.CodecCode), c(r.MicCode), c(r.CablesCode), c(r.OtherCode), r.OtherNote, r.Attendees})
		}
	}
	_ = cw.Write([]string{v.TotalLabel, v.Total})
	_ = cw.Write([]string{v.AttendeesLabel, v.Attendees})
	_ = cw.Write([]string{v.State})
	for _, p := range v.Pending {
		_ = cw.Write([]string{v.PendingTitle, p})
	}
	cw.Flush()
	return cw.Error()
}

// logCode is a status or device code of the log as the CSV export writes it: the stored code
// (normal, incident, damaged) in English, its word in Vietnamese.
func logCode(lang, code string) string {
	if lang == "en" {
		return code
	}
	switch code {
	case store.LogNormal:
		return strings.ToLower(floorText(lang, fkLogNormal))
	case store.LogIncident:
		return strings.ToLower(floorText(lang, fkLogIncident))
	case store.LogDamaged:
		return strings.ToLower(floorText(lang, fkLogDamaged))
	}
	return code
}

// logHTML is the printable form.
var logHTML = template.Must(template.New("log").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px;vertical-align:top}h1{text-align:center;font-size:1.2em}</style>
</head><body>
<h1>{{.Title}}</h1>
{{if .Incomplete}}<p style="border:2px solid #000;padding:4px"><b>{{.State}}</b></p>{{end}}
<p>{{.MeetingLabel}}: {{.Meeting}}<br>{{.WhenLabel}}: {{.When}}<br>{{.UnitLabel}}: {{.Unit}}</p>
<table><tr><th>{{.No}}</th><th>{{.BridgePoint}}</th><th>{{.Status}}</th><th>{{.Devices}}</th></tr>
{{range .Sections}}<tr><th>{{.Roman}}</th><th colspan="3" style="text-align:left">{{.Title}}</th></tr>
{{range .Rows}}<tr><td>{{.No}}</td><td>{{.Name}} ({{.ID}})</td><td>{{.Status}}<br>{{.Label}}: {{.Description}}<br>{{.InterruptionLabel}}: {{.Interruption}}<br>{{.AttendeesLabel}}: {{.Attendees}}</td><td>{{.Devices}}</td></tr>
{{end}}{{end}}</table>
<p>{{.TotalLabel}}: {{.Total}}<br>{{.AttendeesLabel}}: {{.Attendees}}</p>
{{if not .Incomplete}}<p>{{.State}}</p>{{end}}
{{if .Pending}}<p>{{.PendingTitle}}:</p><ul>{{range .Pending}}<li>{{.}}</li>{{end}}</ul>{{end}}
<p style="text-align:right">{{.Signed}}</p>
</body></html>
`))
