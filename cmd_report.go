package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"

	"diemcau/meeting"
	"diemcau/store"
)

// runReport prints a report: for now the meeting log of Appendix II.
func runReport(ctx context.Context, args []string) error {
	lang := langFromArgs(args)
	args = wordFirst(args, "meeting", "booking", "annual", "technicians")
	if isWorkflowReport(firstArg(args)) {
		return runWorkflowReport(ctx, args) // booking, annual, technicians: cmd_technician.go
	}
	if len(args) == 0 || args[0] != "meeting" {
		fmt.Fprintf(os.Stderr, msg(lang, "subcommandUsage"), msg(lang, "reportUsage"))
		return errUsage
	}
	var cf commonFlags
	fs := newFlagSet("report meeting", &cf, "diemcau.db")
	format := fs.String("format", "md", "md, csv or html")
	rest := args[1:]
	id, err := strconv.ParseInt(firstArg(rest), 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(os.Stderr, msg(lang, "subcommandUsage"), msg(lang, "reportUsage"))
		return errUsage
	}
	if err := parse(fs, &cf, rest[1:]); err != nil {
		return err
	}
	if err := noExtraArgs(fs, cf.lang); err != nil {
		return err
	}
	if !slices.Contains(meeting.LogFormats, *format) {
		fmt.Fprintf(os.Stderr, msg(cf.lang, "reportFormat"), *format)
		return errUsage
	}
	st, err := openStore(ctx, cf)
	if err != nil {
		return err
	}
	defer st.Close()
	l, err := meeting.LoadLog(ctx, st, id, cf.lang)
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(os.Stderr, msg(cf.lang, "unknownMeeting"), id)
		return errUsage
	}
	if err != nil {
		return err
	}
	return meeting.WriteLog(os.Stdout, l, *format, cf.lang)
}

// firstArg is args[0], or "" when there is none.
func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}
