// Command diemcau runs the control center of a provincial videoconference network: the MCU, the
// log store and the technicians' console in one binary. This file only parses the command line.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // the province's clock must not depend on the host's zone files
)

// command is one subcommand of diemcau.
type command struct {
	name string
	run  func(ctx context.Context, args []string) error
}

func commands() []command {
	return []command{
		{"console", runConsole},
		{"demo", runDemo},
		{"serve", runServe},
		{"endpoint", runEndpoint},
		{"import", runImport},
		{"bridgepoint", runBridgePoint},
		{"bench", runBench},
		{"bench-mcu", runBenchMCU}, // hidden: the MCU child of bench
		{"report", runReport},
		{"booking", runBooking},
		{"technician", runTechnician},
		{"group", runGroup},
		{"calendar", runCalendar},
		{"backup", runBackup},
		{"restore", runRestore},
		{"doctor", runDoctor},
		{"meeting", runMeeting},
	}
}

func main() {
	useProvinceClock()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := dispatch(ctx, os.Args[1:])
	stop()
	os.Exit(exitCode(os.Args[1:], err))
}

// exitCode prints a command's error for the user (usage errors are already printed) and gives
// the process status: 0 on success and after -h, 2 on any failure.
func exitCode(args []string, err error) int {
	if err != nil && !errors.Is(err, errUsage) {
		fmt.Fprintln(os.Stderr, "diemcau:", userError(langFromArgs(args), err))
	}
	if err == nil || errors.Is(err, errHelp) {
		return 0
	}
	return 2
}

// dispatch picks the subcommand; no subcommand (or only flags) means the console.
func dispatch(ctx context.Context, args []string) error {
	args = commandFirst(args)
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-') {
		if slices.ContainsFunc(args, isHelpFlag) {
			fmt.Fprint(os.Stdout, usageText(langFromArgs(args)))
			return nil
		}
		if i := leadingFlags(args); i < len(args) { // "--lang en frob": not a console argument
			fmt.Fprintf(os.Stderr, msg(langFromArgs(args), "unknownCommand"), args[i])
			return errUsage
		}
		return runConsole(ctx, args)
	}
	if args[0] == "help" {
		fmt.Fprint(os.Stdout, usageText(langFromArgs(args)))
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := c.run(ctx, args[1:])
			if errors.Is(err, errUsage) && slices.ContainsFunc(args[1:], isHelpFlag) {
				return errHelp // "booking -h": the usage printed is the help asked for
			}
			return err
		}
	}
	lang := langFromArgs(args)
	fmt.Fprintf(os.Stderr, msg(lang, "unknownCommand"), args[0])
	return errUsage
}

// commandFirst moves a subcommand typed after common flags ("--lang en demo -n 3") to the front
// and those flags to the end.
func commandFirst(args []string) []string {
	names := []string{"help"}
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return wordFirst(args, names...)
}

// wordFirst moves the first of words typed after leading flags to the front and those flags to
// the end ("--db x.db import bridgepoints f" → "import bridgepoints f --db x.db"); some commands
// read their own subcommand first. Every common flag takes a value, so a word right after
// "--flag" is that flag's value.
func wordFirst(args []string, words ...string) []string {
	i := leadingFlags(args)
	if i == 0 || i >= len(args) {
		return args
	}
	if !slices.Contains(words, args[i]) {
		return args
	}
	return append(append([]string{args[i]}, args[i+1:]...), args[:i]...)
}

// leadingFlags is the number of arguments taken by the flags (with their values) at the start.
func leadingFlags(args []string) int {
	i := 0
	for i < len(args) && len(args[i]) > 1 && args[i][0] == '-' && args[i] != "--" {
		if strings.Contains(args[i], "=") || isHelpFlag(args[i]) {
			i++
		} else {
			i += 2
		}
	}
	return i
}

// isHelpFlag reports whether a is -h, -help or --help.
func isHelpFlag(a string) bool {
	return a == "-h" || a == "--help" || a == "-help"
}

// useProvinceClock shows and parses times in Vietnam's zone unless TZ says otherwise.
func useProvinceClock() {
	if os.Getenv("TZ") != "" {
		return
	}
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		time.Local = loc
	}
}
