package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	neturl "net/url"
	"os"
	"strings"

	"diemcau/mcu"
	"diemcau/softep"
)

// runEndpoint runs one soft bridge point until interrupted.
func runEndpoint(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("endpoint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	url := fs.String("url", "http://127.0.0.1:8080", "base URL of the diemcau HTTP server")
	id := fs.String("id", "", "bridge point id")
	token := fs.String("token", "", "join secret (or DIEMCAU_TOKEN)")
	media := fs.String("media", "", "folder with the media clips (default: ./testdata)")
	lang := fs.String("lang", "vi", "language: vi or en")
	talk := fs.Bool("talk", true, "send the speech clip (false: room tone)")
	attendees := fs.Int("attendees", 0, "people in the room, answered to the roll call (0: the technician counts)")
	videoCodec := fs.String("video-codec", "", "camera codec: vp8 or h264 (default: what the MCU's answer chooses)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := noExtraArgs(fs, *lang); err != nil {
		return err
	}
	if *token == "" {
		*token = os.Getenv("DIEMCAU_TOKEN")
	}
	if *url == "" || *id == "" || *token == "" {
		fmt.Fprint(os.Stderr, msg(*lang, "endpointArgs"))
		return errUsage
	}
	if u, err := neturl.Parse(*url); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(os.Stderr, msg(*lang, "badURL"), *url)
		return errUsage
	}
	if *attendees < 0 || *attendees > mcu.MaxAttendees {
		fmt.Fprintf(os.Stderr, msg(*lang, "badAttendees"), *attendees)
		return errUsage
	}
	*videoCodec = strings.ToLower(*videoCodec)
	if softep.CheckVideoCodec(*videoCodec) != nil {
		fmt.Fprintf(os.Stderr, msg(*lang, "badVideoCodec"), *videoCodec)
		return errUsage
	}
	dir, clips, err := loadMedia(*media, *lang)
	if err != nil {
		return err
	}
	if *videoCodec == softep.VideoCodecH264 && len(clips.CameraH264.Frames) == 0 {
		fmt.Fprintf(os.Stderr, msg(*lang, "noH264Clip"), dir)
		return errUsage
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ep := softep.New(softep.Config{
		URL: *url, ID: *id, Token: *token, Clips: clips, Receive: true, Attendees: *attendees, Log: log,
		VideoCodec: *videoCodec,
	})
	ep.SetTalking(*talk)
	return ep.Run(ctx)
}
