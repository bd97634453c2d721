package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"diemcau/i18n"
	"diemcau/live"
	"diemcau/meeting"
	"diemcau/store"
)

// bookingCLI is the catalogue of the booking, technician and report commands' own messages;
// the rest comes from meeting.BookingText.
var bookingCLI = i18n.New[string]("diemcau/booking").Add(bookingCLIVI, bookingCLIEN)

// bookingCLIVI is the Vietnamese text (the default).
var bookingCLIVI = map[string]string{
	"bookingUsage": `dùng:
  diemcau booking add TỆP.json [--override "lý do"] [--actor TÊN]   đăng ký (Phụ lục I; mẫu testdata/booking-sample.json)
  diemcau booking edit MÃ TỆP.json [--override "lý do"] [--actor TÊN]
  diemcau booking list | due | show MÃ
  diemcau booking confirm|notify-power|test-done|final-check|live|close|log-submitted|recordings-delivered|cancel MÃ [--note GHI-CHÚ] [--actor TÊN]
  diemcau booking live MÃ --meeting MÃ-CUỘC-HỌP   gắn đăng ký với cuộc họp trên MCU
`,
	"calendarUsage": `dùng:
  diemcau calendar import TỆP.csv   (cột: date,kind,name; thêm hoặc sửa ngày trên lịch có sẵn 2025–2027, ghi nhật ký)
  diemcau calendar list [--year NĂM]
`,
	"groupUsage": `dùng:
  diemcau group list
  diemcau group show MÃ|TÊN
  diemcau group add MÃ --name TÊN ĐIỂM-CẦU...   (mã, tên điểm cầu như thường gọi, hoặc một nhóm khác)
  diemcau group edit MÃ [--name TÊN] [--add ĐIỂM-CẦU]... [--remove ĐIỂM-CẦU]...
  diemcau group import TỆP.csv   (cột: group_id,group_name,bridge_point; mỗi dòng một điểm cầu)
`,
	"techUsage": `dùng:
  diemcau technician add --name TÊN --unit MÃ-ĐƠN-VỊ [--phone SĐT] [--email THƯ] [--trained] [--trained-at 2026-03-15]
  diemcau technician list
  diemcau technician import TỆP.csv   (cột: name,unit_id,phone,email,trained,trained_at)
  --verbose: liệt kê từng đơn vị thiếu cán bộ đã tập huấn (mặc định chỉ một dòng tóm tắt)
`,
	"reportUsage2": "diemcau report booking MÃ | annual --year NĂM | technicians [--format md|csv|html] [--lang vi|en]",
	"noBooking":    "không có đăng ký #%s\n",
	"badYear":      "--year phải là một năm như 2026\n",
}

// bookingCLIEN is the English text (--lang en).
var bookingCLIEN = map[string]string{
	"bookingUsage": `usage:
  diemcau booking add FILE.json [--override "reason"] [--actor NAME]   register (Appendix I; sample testdata/booking-sample.json)
  diemcau booking edit ID FILE.json [--override "reason"] [--actor NAME]
  diemcau booking list | due | show ID
  diemcau booking confirm|notify-power|test-done|final-check|live|close|log-submitted|recordings-delivered|cancel ID [--note TEXT] [--actor NAME]
  diemcau booking live ID --meeting MEETING-ID   link the booking to its meeting on the MCU
`,
	"calendarUsage": `usage:
  diemcau calendar import FILE.csv   (fields: date,kind,name; adds or changes days on top of the built-in 2025–2027, audited)
  diemcau calendar list [--year YEAR]
`,
	"groupUsage": `usage:
  diemcau group list
  diemcau group show ID|NAME
  diemcau group add ID --name NAME SITE...   (an id, a site's name as said, or another group)
  diemcau group edit ID [--name NAME] [--add SITE]... [--remove SITE]...
  diemcau group import FILE.csv   (fields: group_id,group_name,bridge_point; one site a line)
`,
	"techUsage": `usage:
  diemcau technician add --name NAME --unit UNIT-ID [--phone PHONE] [--email EMAIL] [--trained] [--trained-at 2026-03-15]
  diemcau technician list
  diemcau technician import FILE.csv   (fields: name,unit_id,phone,email,trained,trained_at)
  --verbose: list every unit short of trained technicians (by default one summary line)
`,
	"reportUsage2": "diemcau report booking ID | annual --year YEAR | technicians [--format md|csv|html] [--lang vi|en]",
	"noBooking":    "no booking #%s\n",
	"badYear":      "--year must be a year such as 2026\n",
}

// bmsg returns a message of bookingCLI in lang, falling back to Vietnamese.
func bmsg(lang, key string) string { return bookingCLI.Text(lang, key) }

// stepCommands maps the workflow subcommands to their steps.
var stepCommands = map[string]meeting.Step{
	"confirm":              meeting.StepConfirmed,
	"notify-power":         meeting.StepPowerNotified,
	"test-done":            meeting.StepTestDone,
	"final-check":          meeting.StepFinalCheckDone,
	"live":                 meeting.StepLive,
	"close":                meeting.StepClosed,
	"log-submitted":        meeting.StepLogSubmitted,
	"recordings-delivered": meeting.StepRecordingsDelivered,
	"cancel":               meeting.StepCancelled,
}

// cli is where a command writes; tests swap it.
type cli struct {
	out, errOut io.Writer
	color       bool // out is a terminal
}

// stdCLI writes to the process's stdout and stderr.
func stdCLI() cli {
	return cli{out: os.Stdout, errOut: os.Stderr, color: isTerminal(os.Stdout)}
}

// isTerminal reports whether f is a character device and NO_COLOR is not set.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("NO_COLOR") == ""
}

// runBooking handles diemcau booking ….
func runBooking(ctx context.Context, args []string) error { return stdCLI().booking(ctx, args) }

func (c cli) booking(ctx context.Context, args []string) error {
	lang := langFromArgs(args)
	sub := firstArg(args)
	if _, isStep := stepCommands[sub]; !isStep && !slices.Contains([]string{"add", "edit", "list", "due", "show"}, sub) {
		// flags may come before the subcommand: `booking --db X list`
		sub = ""
	}
	var cf commonFlags
	fs := newFlagSet(strings.TrimSpace("booking "+sub), &cf, "diemcau.db")
	override := fs.String("override", "", "accept a clash with other meetings, for this reason (audited)")
	actor := fs.String("actor", defaultActor(), "who does it, for the audit log (default $USER)")
	note := fs.String("note", "", "a note recorded with the step")
	meetingID := fs.Int64("meeting", 0, "with live: the MCU meeting that holds this booking")
	pos, err := parseMixed(fs, &cf, args)
	if errors.Is(err, errHelp) { // after the flags, the subcommands
		fmt.Fprint(os.Stdout, bmsg(lang, "bookingUsage"))
	}
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		sub, pos = pos[0], pos[1:]
	}
	_, isStep := stepCommands[sub]
	if !isStep && !slices.Contains([]string{"add", "edit", "list", "due", "show"}, sub) {
		fmt.Fprint(c.errOut, bmsg(lang, "bookingUsage"))
		return errUsage
	}
	want := map[string]int{"add": 1, "edit": 2, "list": 0, "due": 0, "show": 1}[sub]
	if isStep {
		want = 1
	}
	if len(pos) != want {
		fmt.Fprint(c.errOut, bmsg(cf.lang, "bookingUsage"))
		return errUsage
	}
	cal, err := cf.calendar()
	if err != nil {
		return err
	}
	d, closeDesk, err := openDesk(ctx, cf, *actor, cal)
	if err != nil {
		return err
	}
	defer closeDesk()
	by := meeting.Filing{Override: *override}
	switch sub {
	case "add":
		err = c.bookingAdd(ctx, d, pos[0], by, cf.lang)
	case "edit":
		err = c.bookingEdit(ctx, d, pos[0], pos[1], by, cf.lang)
	case "list":
		err = c.bookingList(ctx, d, cf.lang)
	case "due":
		err = c.bookingDue(ctx, d, cf.lang)
	case "show":
		err = c.bookingShow(ctx, d, pos[0], cf.lang)
	default:
		err = c.bookingStep(ctx, d, pos[0], stepCommands[sub], *note, cf.lang)
		if err == nil && sub == "live" && *meetingID > 0 {
			id, _ := strconv.ParseInt(pos[0], 10, 64)
			err = d.LinkBooking(ctx, id, *meetingID)
		}
	}
	return c.explain(err, cf.lang)
}

// parseMixed parses flags that may come before, between or after the positional arguments,
// and returns the positional ones.
func parseMixed(fs *flag.FlagSet, cf *commonFlags, args []string) ([]string, error) {
	var pos []string
	for {
		if err := parse(fs, cf, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// defaultActor is $USER, the technician at this terminal.
func defaultActor() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "diemcau"
}

// actorFlag adds --actor to fs: who does it, for the audit log (default $USER).
func actorFlag(fs *flag.FlagSet) *string {
	return fs.String("actor", defaultActor(), "who does it, for the audit log (default $USER)")
}

// openDesk opens the store behind the facade and returns the desk of the control center's
// technician actor at this terminal (the command line is the control center's): every change
// a command makes goes through it, checked and audited as actor. Its bookings work on cal
// (nil: the default calendar).
func openDesk(ctx context.Context, cf commonFlags, actor string, cal *meeting.Calendar) (*live.Desk, func(), error) {
	st, err := openStore(ctx, cf)
	if err != nil {
		return nil, nil, err
	}
	m := live.New(live.Config{Store: st, Lang: cf.lang})
	d := m.As(live.Identity{Actor: actor, Role: live.RoleControl}).WithBookings(cal, nil)
	return d, func() { _ = st.Close() }, nil
}

// explain prints an error the user can act on in their language and turns it into errUsage;
// other errors go back to main.
func (c cli) explain(err error, lang string) error {
	var loc meeting.Localized
	switch {
	case err == nil:
		return nil
	case errors.As(err, &loc):
		fmt.Fprintln(c.errOut, loc.Message(lang))
		return errUsage
	}
	return err
}

// bookingID parses a booking id argument, printing a message when it is not one.
func (c cli) bookingID(s, lang string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		fmt.Fprintf(c.errOut, bmsg(lang, "noBooking"), s)
		return 0, errUsage
	}
	return id, nil
}

// notFound prints "no booking #ID" for ErrNotFound.
func (c cli) notFound(err error, id int64, lang string) error {
	if errors.Is(err, store.ErrNotFound) {
		fmt.Fprintf(c.errOut, bmsg(lang, "noBooking"), strconv.FormatInt(id, 10))
		return errUsage
	}
	return err
}

func readForm(path, lang string) (meeting.BookingForm, error) {
	f, err := os.Open(path)
	if err != nil {
		return meeting.BookingForm{}, fileError(lang, "booking", path, err)
	}
	defer f.Close()
	return meeting.ParseBookingFile(f)
}

func (c cli) bookingAdd(ctx context.Context, d *live.Desk, path string, by meeting.Filing, lang string) error {
	form, err := readForm(path, lang)
	if err != nil {
		return err
	}
	id, accepted, err := d.AddBooking(ctx, form, by)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.out, meeting.BookingText(lang, "registered"), id)
	c.printAccepted(accepted, lang)
	return nil
}

func (c cli) bookingEdit(ctx context.Context, d *live.Desk, idArg, path string, by meeting.Filing, lang string) error {
	id, err := c.bookingID(idArg, lang)
	if err != nil {
		return err
	}
	form, err := readForm(path, lang)
	if err != nil {
		return err
	}
	res, err := d.EditBooking(ctx, id, form, by)
	if err != nil {
		return c.notFound(err, id, lang)
	}
	key := "edited"
	if res.Reset {
		key = "editedReset"
	}
	fmt.Fprintf(c.out, meeting.BookingText(lang, key), id)
	c.printAccepted(res.Conflicts, lang)
	return nil
}

// printAccepted lists the clashes a technician accepted with --override.
func (c cli) printAccepted(accepted []meeting.Conflict, lang string) {
	if len(accepted) == 0 {
		return
	}
	fmt.Fprint(c.out, meeting.BookingText(lang, "overrideNote"))
	for _, cf := range accepted {
		fmt.Fprintln(c.out, "  - "+cf.Describe(lang))
	}
}

func (c cli) bookingList(ctx context.Context, d *live.Desk, lang string) error {
	list, err := d.Bookings().List(ctx)
	if err != nil {
		return err
	}
	units, err := d.Bookings().UnitNames(ctx)
	if err != nil {
		return err
	}
	return meeting.WriteBookingList(c.out, list, units, lang, c.color)
}

func (c cli) bookingDue(ctx context.Context, d *live.Desk, lang string) error {
	due, err := d.Bookings().Due(ctx)
	if err != nil {
		return err
	}
	units, err := d.Bookings().UnitNames(ctx)
	if err != nil {
		return err
	}
	return meeting.WriteDue(c.out, due, units, lang, c.color)
}

func (c cli) bookingShow(ctx context.Context, d *live.Desk, idArg, lang string) error {
	id, err := c.bookingID(idArg, lang)
	if err != nil {
		return err
	}
	r, err := d.Bookings().LoadBookingReport(ctx, id)
	if err != nil {
		return c.notFound(err, id, lang)
	}
	if err := meeting.WriteBookingReport(c.out, r, "md", lang); err != nil {
		return err
	}
	return meeting.WriteBookingStatus(c.out, r.Status, lang)
}

func (c cli) bookingStep(ctx context.Context, d *live.Desk, idArg string, step meeting.Step, note, lang string) error {
	id, err := c.bookingID(idArg, lang)
	if err != nil {
		return err
	}
	if err := d.StepBooking(ctx, id, step, note); err != nil {
		return c.notFound(err, id, lang)
	}
	fmt.Fprintf(c.out, meeting.BookingText(lang, "stepDone"), id, meeting.StepName(lang, step))
	return nil
}
