package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"time"

	"diemcau/live"
	"diemcau/meeting"
	"diemcau/store"
)

// runTechnician handles diemcau technician add|list|import.
func runTechnician(ctx context.Context, args []string) error { return stdCLI().technician(ctx, args) }

func (c cli) technician(ctx context.Context, args []string) error {
	lang := langFromArgs(args)
	sub := firstArg(args)
	if !slices.Contains([]string{"add", "list", "import"}, sub) {
		fmt.Fprint(c.errOut, bmsg(lang, "techUsage"))
		return errUsage
	}
	var cf commonFlags
	fs := newFlagSet("technician "+sub, &cf, "diemcau.db")
	actor := fs.String("actor", defaultActor(), "who does it, for the audit log (default $USER)")
	var t store.Technician
	fs.StringVar(&t.Name, "name", "", "full name")
	fs.StringVar(&t.UnitID, "unit", "", "unit ID")
	fs.StringVar(&t.Phone, "phone", "", "phone number")
	fs.StringVar(&t.Email, "email", "", "email address")
	fs.BoolVar(&t.Trained, "trained", false, "has been trained (Article 6.6)")
	trainedAt := fs.String("trained-at", "", "date of the training, YYYY-MM-DD")
	verbose := fs.Bool("verbose", false, "list every unit short of trained technicians, not only their count")
	pos, err := parseMixed(fs, &cf, args[1:])
	if err != nil {
		return err
	}
	if want := map[string]int{"add": 0, "list": 0, "import": 1}[sub]; len(pos) != want {
		fmt.Fprint(c.errOut, bmsg(cf.lang, "techUsage"))
		return errUsage
	}
	d, closeDesk, err := openDesk(ctx, cf, *actor, nil)
	if err != nil {
		return err
	}
	defer closeDesk()
	switch sub {
	case "add":
		if *trainedAt != "" {
			at, perr := time.ParseInLocation(time.DateOnly, *trainedAt, meeting.Zone())
			if perr != nil {
				return c.explain(&meeting.TechnicianFileError{Flags: true, Problems: []meeting.TechnicianProblem{
					{Field: "trained_at", Reason: "tech.badDate", Args: []any{*trainedAt}}}}, cf.lang)
			}
			t.TrainedAt = at
		}
		id, err := d.AddTechnician(ctx, t)
		if err != nil {
			return c.explain(err, cf.lang)
		}
		fmt.Fprintf(c.out, meeting.BookingText(cf.lang, "tech.added"), id)
		return c.rosterWarnings(ctx, d, cf.lang, *verbose)
	case "import":
		f, err := os.Open(pos[0])
		if err != nil {
			return fileError(cf.lang, "technician import", pos[0], err)
		}
		defer f.Close()
		added, updated, err := d.ImportTechnicians(ctx, f)
		if err != nil {
			return c.explain(err, cf.lang)
		}
		fmt.Fprintf(c.out, meeting.BookingText(cf.lang, "tech.imported"), pos[0], added, updated)
		return c.rosterWarnings(ctx, d, cf.lang, *verbose)
	}
	r, err := d.Roster(ctx)
	if err != nil {
		return err
	}
	return meeting.WriteRosterTable(c.out, r, cf.lang, *verbose)
}

// rosterWarnings prints how many units have fewer than two trained technicians, in one line;
// with verbose, which ones.
func (c cli) rosterWarnings(ctx context.Context, d *live.Desk, lang string, verbose bool) error {
	r, err := d.Roster(ctx)
	if err != nil {
		return err
	}
	for _, w := range meeting.RosterNotice(r, lang, verbose) {
		fmt.Fprintln(c.errOut, w)
	}
	return nil
}

// runWorkflowReport handles diemcau report booking ID | annual --year Y | technicians.
func runWorkflowReport(ctx context.Context, args []string) error {
	return stdCLI().workflowReport(ctx, args)
}

func (c cli) workflowReport(ctx context.Context, args []string) error {
	sub := firstArg(args)
	var cf commonFlags
	fs := newFlagSet("report "+sub, &cf, "diemcau.db")
	format := fs.String("format", "md", "md, csv or html")
	year := fs.Int("year", time.Now().In(meeting.Zone()).Year(), "year of the annual report")
	pos, err := parseMixed(fs, &cf, args[1:])
	if err != nil {
		return err
	}
	want := map[string]int{"booking": 1, "annual": 0, "technicians": 0}[sub]
	if len(pos) != want {
		fmt.Fprintf(c.errOut, msg(cf.lang, "subcommandUsage"), bmsg(cf.lang, "reportUsage2"))
		return errUsage
	}
	if !slices.Contains(meeting.ReportFormats, *format) {
		fmt.Fprintf(c.errOut, msg(cf.lang, "reportFormat"), *format)
		return errUsage
	}
	if *year < 2000 || *year > 2200 {
		fmt.Fprint(c.errOut, bmsg(cf.lang, "badYear"))
		return errUsage
	}
	cal, err := cf.calendar()
	if err != nil {
		return err
	}
	desk, closeDesk, err := openDesk(ctx, cf, defaultActor(), cal)
	if err != nil {
		return err
	}
	defer closeDesk()
	d := desk.Bookings() // reads only
	switch sub {
	case "booking":
		id, err := c.bookingID(pos[0], cf.lang)
		if err != nil {
			return err
		}
		r, err := d.LoadBookingReport(ctx, id)
		if err != nil {
			return c.notFound(err, id, cf.lang)
		}
		if err := meeting.WriteBookingReport(c.out, r, *format, cf.lang); err != nil || r.Status.Booking.MeetingID == 0 {
			return err
		}
		return writeBookingMeeting(ctx, c.out, d.Store, r.Status.Booking.MeetingID, *format, cf.lang)
	case "annual":
		a, err := meeting.LoadAnnual(ctx, d.Store, d.Calendar, *year, time.Now())
		if err != nil {
			return err
		}
		return meeting.WriteAnnual(c.out, a, *format, cf.lang)
	}
	r, err := meeting.LoadRoster(ctx, d.Store)
	if err != nil {
		return err
	}
	return meeting.WriteRoster(c.out, r, *format, cf.lang)
}

// workflowReports are the report subcommands of this file.
var workflowReports = []string{"booking", "annual", "technicians"}

// isWorkflowReport reports whether a report subcommand is one of workflowReports.
func isWorkflowReport(sub string) bool { return slices.Contains(workflowReports, sub) }
