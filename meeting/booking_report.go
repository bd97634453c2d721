package meeting

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"diemcau/store"
)

// ReportFormats are the formats of the reports of this package.
var ReportFormats = []string{"md", "csv", "html"}

// BookingReport is a booking with what its printed form needs from the registry.
type BookingReport struct {
	Status   BookingStatus
	HostName string
	Points   []ReportPoint
}

// ReportPoint is one sub bridge point as the form prints it.
type ReportPoint struct {
	store.BookingPoint
	Name, Address string
	UnitKind      string // "province", "agency", "commune", "ward"; "" when the registry lacks it
}

// LoadBookingReport gathers booking id, its status now and the registry's names.
func (d *Desk) LoadBookingReport(ctx context.Context, id int64) (BookingReport, error) {
	st, err := d.Status(ctx, id)
	if err != nil {
		return BookingReport{}, err
	}
	units, err := d.UnitNames(ctx)
	if err != nil {
		return BookingReport{}, err
	}
	reg, err := d.registry(ctx)
	if err != nil {
		return BookingReport{}, err
	}
	r := BookingReport{Status: st, HostName: unitName(units, st.Booking.HostUnit)}
	for _, p := range st.Booking.Points {
		rp := ReportPoint{BookingPoint: p, Name: p.BridgePoint}
		if bp, ok := reg.bps[p.BridgePoint]; ok {
			rp.Name, rp.Address, rp.UnitKind = bp.Name, bp.Address, reg.units[bp.UnitID].Kind
		}
		r.Points = append(r.Points, rp)
	}
	sortReportPoints(r.Points)
	return r, nil
}

// kindOrder is the order of unit kinds on the printed list of sub bridge points.
var kindOrder = map[string]int{"province": 0, "agency": 1, "commune": 2, "ward": 3}

// sortReportPoints orders the sub bridge points by unit kind (province, departments, communes,
// wards, then any the registry does not know), then by name as Vietnamese reads it.
func sortReportPoints(ps []ReportPoint) {
	rank := func(k string) int {
		if r, ok := kindOrder[k]; ok {
			return r
		}
		return len(kindOrder)
	}
	slices.SortStableFunc(ps, func(a, b ReportPoint) int {
		if c := cmp.Compare(rank(a.UnitKind), rank(b.UnitKind)); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(FoldName(a.Name), FoldName(b.Name)), cmp.Compare(a.Name, b.Name))
	})
}

// formLine is one numbered item of the form: label and value.
type formLine struct{ Label, Value string }

// formView is the form with every label and value in the report's language.
type formView struct {
	Lang, Appendix, Title, To, Request, OpinionLabel, Opinion, Place, Head, Sign, HeadName string
	Lines                                                                                  []formLine
	PointsLabel, No, Point, Address, Attendees, Contact                                    string
	Points                                                                                 []ReportPoint
	KindLabel, TotalLabel                                                                  string
	Total                                                                                  int
	kinds                                                                                  map[string]string // unit kind → its name in lang
	Needs                                                                                  []formLine
	NeedsLabel                                                                             string
}

func newFormView(r BookingReport, lang string) formView {
	b := r.Status.Booking
	t := func(k string, a ...any) string { return bt(lang, k, a...) }
	basis := "—"
	if b.LegalNumber != "" || b.LegalIssuer != "" {
		basis = t("form.basisText", b.LegalNumber, printDate(b.LegalDate), b.LegalIssuer)
	}
	lines := []formLine{
		{t("kindLabel"), t("kind." + b.Kind)},
		{t("form.basis"), basis},
		{t("form.host"), r.HostName},
		{t("form.location"), b.Room + " (" + b.RoomBP + ")"},
		{t("form.content"), b.Content},
		{t("form.chair"), b.ChairName},
		{t("form.title2"), b.ChairTitle},
		{t("form.time"), formatSpan(b.StartsAt, b.EndsAt)},
		{t("form.tech"), b.TechName},
		{t("form.phone"), b.TechPhone},
		{t("form.points"), strconv.Itoa(len(b.Points))},
		{t("form.total"), strconv.Itoa(totalAttendees(b))},
	}
	if b.Emergency != "" {
		lines = append(lines, formLine{t("emergency"), strings.TrimSuffix(t("em."+b.Emergency)+"; "+b.EmergencyReason, "; ")})
	}
	if b.OverrideReason != "" {
		lines = append(lines, formLine{t("override"), b.OverrideReason})
	}
	lines = append(lines, formLine{t("form.status"), stepName(lang, r.Status.State)})
	box := func(v bool) string {
		if v {
			return t("form.yes")
		}
		return t("form.no.box")
	}
	formDate := printDate(b.FormDate)
	if b.FormDate == "" {
		formDate = b.FiledAt.In(vietnam).Format("02/01/2006")
	}
	return formView{Lang: lang, Appendix: t("form.appendix"), Title: t("form.title"), To: t("form.to"),
		Request: t("form.request"), OpinionLabel: t("form.opinion"), Opinion: b.DeptOpinion,
		Place: t("form.place", formDate), Head: t("form.head"), Sign: t("form.sign"), HeadName: b.HeadOfUnit,
		Lines: lines, PointsLabel: t("form.points"), No: t("form.no"), Point: t("form.point"),
		Address: t("form.address"), Attendees: t("form.attendees"), Contact: t("form.contact"), Points: r.Points,
		KindLabel: t("form.unitKind"), TotalLabel: t("form.total"), Total: totalAttendees(b),
		kinds: map[string]string{"province": t("unitKind.province"), "agency": t("unitKind.agency"),
			"commune": t("unitKind.commune"), "ward": t("unitKind.ward")},
		NeedsLabel: t("form.needs"),
		Needs: []formLine{{box(b.Projector), t("form.projector")}, {box(b.VideoPlayback), t("form.video")},
			{box(b.Speaking), t("form.speaking")}, {box(b.Recording), t("form.recording")}},
	}
}

// kind names a sub bridge point's unit kind in the form's language; "" when unknown.
func (v formView) kind(p ReportPoint) string { return v.kinds[p.UnitKind] }

// Kind is kind, for the HTML template.
func (v formView) Kind(p ReportPoint) string { return v.kind(p) }

func totalAttendees(b store.Booking) int {
	n := 0
	for _, p := range b.Points {
		n += p.Attendees
	}
	return n
}

// printDate turns "2026-12-10" into "10/12/2026"; anything else is printed as it is.
func printDate(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}

// contactText joins a contact's name and phone.
func contactText(p ReportPoint) string {
	return strings.Trim(p.ContactName+" – "+p.ContactPhone, " –")
}

// WriteBookingReport prints the filled Appendix I form as format ("md", "csv" or "html") in lang.
func WriteBookingReport(w io.Writer, r BookingReport, format, lang string) error {
	v := newFormView(r, lang)
	switch format {
	case "md", "":
		return writeFormMarkdown(w, v)
	case "csv":
		return writeFormCSV(w, v)
	case "html":
		return formHTML.Execute(w, v)
	}
	return fmt.Errorf("unknown format %q (md, csv, html)", format)
}

func writeFormMarkdown(w io.Writer, v formView) error {
	var b strings.Builder
	fmt.Fprintf(&b, "*%s*\n\n# %s\n\n%s\n\n", v.Appendix, v.Title, v.To)
	for _, l := range v.Lines {
		fmt.Fprintf(&b, "- **%s:** %s\n", l.Label, mdEscape(l.Value))
	}
	fmt.Fprintf(&b, "\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", v.No, v.KindLabel, v.Point,
		v.Address, v.Attendees, v.Contact)
	for i, p := range v.Points {
		fmt.Fprintf(&b, "| %d | %s | %s (%s) | %s | %d | %s |\n", i+1, v.kind(p), mdEscape(p.Name), p.BridgePoint,
			mdEscape(p.Address), p.Attendees, mdEscape(contactText(p)))
	}
	fmt.Fprintf(&b, "| | | **%s** | | **%d** | |\n", v.TotalLabel, v.Total)
	fmt.Fprintf(&b, "\n**%s:** ", v.NeedsLabel)
	for i, n := range v.Needs {
		if i > 0 {
			b.WriteString(" · ")
		}
		b.WriteString(n.Label + " " + n.Value)
	}
	fmt.Fprintf(&b, "\n\n%s\n\n**%s:** %s\n\n%s\n\n**%s** %s\n\n%s\n", v.Request, v.OpinionLabel,
		mdEscape(cmpDash(v.Opinion)), v.Place, v.Head, v.Sign, mdEscape(v.HeadName))
	_, err := io.WriteString(w, b.String())
	return err
}

func writeFormCSV(w io.Writer, v formView) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{v.Appendix, v.Title})
	for _, l := range v.Lines {
		_ = cw.Write([]string{l.Label, l.Value})
	}
	for _, n := range v.Needs {
		_ = cw.Write([]string{n.Value, n.Label})
	}
	_ = cw.Write([]string{v.OpinionLabel, v.Opinion})
	_ = cw.Write([]string{v.Head, v.HeadName})
	_ = cw.Write(nil)
	_ = cw.Write([]string{v.No, v.KindLabel, v.Point, "ID", v.Address, v.Attendees, v.Contact})
	for i, p := range v.Points {
		_ = cw.Write([]string{strconv.Itoa(i + 1), v.kind(p), p.Name, p.BridgePoint, p.Address, strconv.Itoa(p.Attendees), contactText(p)})
	}
	_ = cw.Write([]string{"", "", v.TotalLabel, "", "", strconv.Itoa(v.Total), ""})
	cw.Flush()
	return cw.Error()
}

// mdEscape keeps a value from breaking a Markdown table or list.
func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ", "\r", " ").Replace(s)
}

func cmpDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// WriteBookingStatus prints a booking's deadlines, what was done, by whom and when (for
// "booking show").
func WriteBookingStatus(w io.Writer, s BookingStatus, lang string) error {
	t := func(k string, a ...any) string { return bt(lang, k, a...) }
	var b strings.Builder
	fmt.Fprintf(&b, "\n## %s\n\n%s · %s: %s\n\n", t("deadlines"), t("filed", formatWhen(s.Booking.FiledAt), s.Booking.FiledBy),
		t("col.state"), stepName(lang, s.State))
	fmt.Fprintf(&b, "| %s | %s | %s | %s |\n|---|---|---|---|\n", t("col.step"), t("col.due"), t("col.at"), t("col.by"))
	for _, d := range s.Deadlines {
		due := t("noDeadline")
		if !d.Due.IsZero() {
			due = formatWhen(d.Due)
		}
		at, by := "", ""
		if st, ok := s.Booking.Step(string(d.Step)); ok {
			at, by = formatWhen(st.At), st.Actor
			if st.Note != "" {
				by += " (" + mdEscape(st.Note) + ")"
			}
		} else if s.Next != nil && s.Next.Step == d.Step && s.Overdue {
			at = t("overdue")
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", dueName(lang, d.Step), due, at, by)
	}
	if st, ok := s.Booking.Step(string(StepCancelled)); ok {
		fmt.Fprintf(&b, "\n%s: %s, %s %s\n", stepName(lang, StepCancelled), formatWhen(st.At), st.Actor, st.Note)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
