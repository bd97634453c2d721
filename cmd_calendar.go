package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"text/tabwriter"
	"time"

	"diemcau/meeting"
)

// runCalendar handles diemcau calendar import FILE | list [--year Y].
func runCalendar(ctx context.Context, args []string) error { return stdCLI().calendarCmd(ctx, args) }

func (c cli) calendarCmd(ctx context.Context, args []string) error {
	lang := langFromArgs(args)
	sub := firstArg(args)
	if !slices.Contains([]string{"import", "list"}, sub) {
		fmt.Fprint(c.errOut, bmsg(lang, "calendarUsage"))
		return errUsage
	}
	var cf commonFlags
	fs := newFlagSet("calendar "+sub, &cf, "diemcau.db")
	actor := fs.String("actor", defaultActor(), "who does it, for the audit log (default $USER)")
	year := fs.Int("year", 0, "with list: only this year")
	pos, err := parseMixed(fs, &cf, args[1:])
	if err != nil {
		return err
	}
	if want := map[string]int{"import": 1, "list": 0}[sub]; len(pos) != want {
		fmt.Fprint(c.errOut, bmsg(cf.lang, "calendarUsage"))
		return errUsage
	}
	d, closeDesk, err := openDesk(ctx, cf, *actor, nil)
	if err != nil {
		return err
	}
	defer closeDesk()
	if sub == "import" {
		f, err := os.Open(pos[0])
		if err != nil {
			return fileError(cf.lang, "calendar import", pos[0], err)
		}
		defer f.Close()
		n, err := d.ImportCalendar(ctx, f)
		if err != nil {
			return c.explain(err, cf.lang)
		}
		fmt.Fprintf(c.out, meeting.BookingText(cf.lang, "cal.imported"), n, pos[0])
		return nil
	}
	base, err := cf.calendar()
	if err != nil {
		return c.explain(err, cf.lang)
	}
	cal, err := d.Calendar(ctx, base)
	if err != nil {
		return err
	}
	stored, err := d.CalendarDays(ctx)
	if err != nil {
		return err
	}
	by := map[string]string{}
	for _, d := range stored {
		by[d.Date] = d.UpdatedBy
	}
	tw := tabwriter.NewWriter(c.out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, meeting.BookingText(cf.lang, "cal.listHead"))
	for _, e := range cal.Entries() {
		if *year != 0 && e.Date.Year() != *year {
			continue
		}
		date := e.Date.Format(time.DateOnly)
		source := meeting.BookingText(cf.lang, "cal.builtin")
		if who, ok := by[date]; ok {
			source = meeting.BookingText(cf.lang, "cal.stored", who)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", date, e.Kind, e.Name, source)
	}
	return tw.Flush()
}
