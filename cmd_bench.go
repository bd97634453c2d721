package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"diemcau/bench"
	"diemcau/softsip"
)

// benchMaxSites bounds --endpoints + --sip: the bench's bridge point ids and one machine's ports.
const benchMaxSites = 1000

// runBench runs the load test: the MCU in its own process, N soft endpoints in this one.
func runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	n := fs.Int("endpoints", 160, "soft endpoints joining at once, the main one included")
	sipSites := fs.Int("sip", 0, "SIP room systems (G.722, H.264 when testdata has the clip) dialling in beside them")
	secs := fs.Float64("seconds", 30, "measuring window, seconds")
	bitrate := fs.String("bitrate", "1.5M", "requested video bitrate (recorded; the 720p clip is sent as it is)")
	cpus := fs.String("mcu-cpu", "", "CPU list for the MCU process (taskset -c), e.g. 1")
	jsonFile := fs.String("json", "", "also write the results as one JSON object to this file")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the MCU under load to this file")
	loadProfile := fs.String("load-cpuprofile", "", "write a CPU profile of the soft endpoints (this process) under load to this file")
	media := fs.String("media", "", "folder with the media clips (default: ./testdata)")
	lang := fs.String("lang", "vi", "language: vi or en")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noExtraArgs(fs, *lang); err != nil {
		return err
	}
	bps, err := parseBitrate(*bitrate)
	if err != nil || *n < 2 || *secs <= 0 {
		fmt.Fprint(os.Stderr, msg(*lang, "benchArgs"))
		return errUsage
	}
	if *sipSites < 0 || *n+*sipSites > benchMaxSites {
		fmt.Fprintf(os.Stderr, msg(*lang, "benchSIPArgs"), benchMaxSites, *sipSites, *n)
		return errUsage
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("bench: find own executable: %w", err)
	}
	dir, clips, err := loadMedia(*media, *lang)
	if err != nil {
		return err
	}
	var sipClips *softsip.Clips
	if *sipSites > 0 {
		if sipClips, err = softsip.LoadClips(dir); err != nil {
			return err
		}
	}
	res, err := bench.Run(ctx, bench.Config{
		Executable: exe, Endpoints: *n, Duration: time.Duration(*secs * float64(time.Second)), Bitrate: bps,
		MCUCPU: *cpus, CPUProfile: *profile, LoadProfile: *loadProfile, Clips: clips, SIP: *sipSites, SIPClips: sipClips,
		Log:      slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})),
		Progress: os.Stderr,
	})
	if err != nil {
		return err
	}
	res.WriteTable(os.Stdout, *lang)
	if *jsonFile != "" {
		return res.WriteJSON(*jsonFile)
	}
	return nil
}

// parseBitrate reads "1.5M", "800k" or "1500000" as bits per second.
func parseBitrate(s string) (int, error) {
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "m"):
		mult, s = 1e6, s[:len(s)-1]
	case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
		mult, s = 1e3, s[:len(s)-1]
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("bad bitrate %q", s)
	}
	return int(v * mult), nil
}
