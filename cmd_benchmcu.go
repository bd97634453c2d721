package main

import (
	"context"
	"flag"
	"io"
	"os"

	"diemcau/bench"
)

// runBenchMCU is the hidden `bench-mcu` command: the MCU child of `diemcau bench`.
func runBenchMCU(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench-mcu", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	n := fs.Int("endpoints", 160, "bridge points")
	sipSites := fs.Int("sip", 0, "of them, the last ones called over SIP: serve SIP")
	if err := fs.Parse(args); err != nil || *n < 2 || *sipSites < 0 || *sipSites > *n {
		return errUsage
	}
	return bench.ServeMCU(ctx, *n, *sipSites, os.Stdin, os.Stdout)
}
