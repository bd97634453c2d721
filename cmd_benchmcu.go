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
	if err := fs.Parse(args); err != nil || *n < 2 {
		return errUsage
	}
	return bench.ServeMCU(ctx, *n, os.Stdin, os.Stdout)
}
