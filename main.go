// Command diemcau runs the control center of a provincial videoconference network: the MCU, the
// log store and the technicians' console in one binary. This file only parses the command line.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
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
	}
}

func main() {
	useProvinceClock()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := dispatch(ctx, os.Args[1:])
	stop()
	if err != nil && !errors.Is(err, errUsage) {
		fmt.Fprintln(os.Stderr, "diemcau:", userError(langFromArgs(os.Args[1:]), err))
	}
	if err != nil {
		os.Exit(2)
	}
}

// dispatch picks the subcommand; no subcommand (or only flags) means the console.
func dispatch(ctx context.Context, args []string) error {
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-') {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprint(os.Stdout, usageText(langFromArgs(args)))
			return nil
		}
		return runConsole(ctx, args)
	}
	if args[0] == "help" {
		fmt.Fprint(os.Stdout, usageText(langFromArgs(args)))
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:])
		}
	}
	lang := langFromArgs(args)
	fmt.Fprintf(os.Stderr, msg(lang, "unknownCommand"), args[0])
	fmt.Fprint(os.Stderr, usageText(lang))
	return errUsage
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
