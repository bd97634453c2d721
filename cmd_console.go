package main

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"diemcau/demo"
	"diemcau/live"
	"diemcau/mcu"
	"diemcau/store"
	"diemcau/tui"
)

// runConsole opens the console on an empty ad hoc meeting, ready for real bridge points.
func runConsole(ctx context.Context, args []string) error {
	a, conf, err := startAdhoc(ctx, "console", args, true)
	if err != nil {
		return err
	}
	defer a.close()
	return a.runTUI(ctx, conf)
}

// startAdhoc parses the common flags, starts the MCU and HTTP server and resumes the meeting still
// live in the store, else opens an ad hoc meeting that any registered bridge point with its
// secret may join.
func startAdhoc(ctx context.Context, name string, args []string, logToFile bool) (*app, *mcu.Conference, error) {
	return startServer(ctx, name, args, logToFile, nil, true)
}

// startServer is startAdhoc; reserve, when set, reserves what else the command serves (serve:
// --ssh) once the other ports are bound, before the meeting opens. Without adhoc, it only
// resumes the meetings still live (serve: the control center opens the others) and returns no
// conference.
func startServer(ctx context.Context, name string, args []string, logToFile bool, reserve func(*app) error, adhoc bool) (*app, *mcu.Conference, error) {
	var cf commonFlags
	fs := newFlagSet(name, &cf, "diemcau.db")
	autoOpen := false
	if name == "serve" {
		fs.BoolVar(&autoOpen, "auto-open", false, "open a booking whose final check is done by itself at its start time")
	}
	if err := parse(fs, &cf, args); err != nil {
		return nil, nil, err
	}
	if err := noExtraArgs(fs, cf.lang); err != nil {
		return nil, nil, err
	}
	if logToFile { // the local console
		if err := needTerminal(cf.lang); err != nil {
			return nil, nil, err
		}
	}
	a, err := claimApp(ctx, cf, name, logToFile)
	if err != nil {
		return nil, nil, err
	}
	// Every port before the meeting: a start that fails on one resumes (and writes) nothing.
	// Then the meeting, then HTTP: a bridge point (re)joining at once finds its meeting open.
	err = a.bind()
	if err == nil && reserve != nil {
		err = reserve(a)
	}
	if err != nil {
		a.close()
		return nil, nil, err
	}
	var conf *mcu.Conference
	if adhoc {
		conf, err = a.live.ResumeOrOpenAdhoc(ctx, msg(a.flags.lang, "adhocHost"), msg(a.flags.lang, "adhocTitle"))
	} else {
		_, err = a.live.Resume(ctx, msg(a.flags.lang, "adhocHost"))
	}
	if err != nil {
		a.close()
		return nil, nil, err
	}
	if err := a.serveHTTP(); err != nil {
		a.close()
		return nil, nil, err
	}
	if autoOpen {
		a.live.AutoOpen(ctx, autoOpenEvery)
	}
	return a, conf, nil
}

// autoOpenEvery is how often serve --auto-open looks for a booking due to open.
const autoOpenEvery = 15 * time.Second

// runDemo opens the console on a live demo meeting joined by N soft bridge points.
func runDemo(ctx context.Context, args []string) error {
	var cf commonFlags
	fs := newFlagSet("demo", &cf, "diemcau-demo.db")
	n := fs.Int("n", 24, "number of soft bridge points (the main one included)")
	if err := parse(fs, &cf, args); err != nil {
		return err
	}
	if err := noExtraArgs(fs, cf.lang); err != nil {
		return err
	}
	if *n < 1 {
		fmt.Fprintf(os.Stderr, msg(cf.lang, "demoNMin"), *n)
		return errUsage
	}
	media, clips, err := loadMedia(cf.media, cf.lang)
	if err != nil {
		return err
	}
	if err := needTerminal(cf.lang); err != nil {
		return err
	}
	a, err := claimApp(ctx, cf, "demo", true)
	if err != nil {
		return err
	}
	defer a.close()
	bps, err := a.demoRegistry(ctx, media, *n)
	if err != nil {
		return err
	}
	if err := a.bind(); err != nil {
		return err
	}
	if err := a.serveHTTP(); err != nil {
		return err
	}
	eps := make([]demo.BridgePoint, 0, len(bps))
	for _, bp := range bps {
		secret, err := a.reg.Rotate(ctx, bp.ID)
		if err != nil {
			return err
		}
		eps = append(eps, demo.BridgePoint{ID: bp.ID, Token: secret, Main: bp.Role == "main"})
	}
	conf, err := a.live.Open(ctx, live.Spec{Meeting: store.Meeting{
		Title:    msg(cf.lang, "demoTitle"),
		HostUnit: bps[0].UnitID,
		Chair:    msg(cf.lang, "demoChair"),
		Kind:     "a",
		MainBP:   bps[0].ID,
	}, Host: msg(cf.lang, "demoHost"), Members: bps})
	if err != nil {
		return err
	}
	demoCtx, stopDemo := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := demo.New(a.baseURL, eps, clips, a.log).Run(demoCtx); err != nil {
			a.log.Error("demo stopped", "err", err)
		}
	}()
	err = a.runTUI(ctx, conf)
	stopDemo()
	wg.Wait()
	return err
}

// runServe runs the MCU, the HTTP server and the SSH server for the technicians' consoles.
func runServe(ctx context.Context, args []string) error {
	a, _, err := startServer(ctx, "serve", args, false, (*app).reserveSSH, false)
	if err != nil {
		if ctx.Err() != nil { // SIGTERM during the start: a stop, not a failure
			return nil
		}
		return err
	}
	defer a.close()
	srv, err := a.sshServer("")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stdout, msg(a.flags.lang, "serveListening"), a.baseURL, a.sshLn.Addr(), a.flags.authorizedKeys)
	return srv.Serve(ctx, a.sshLn)
}

// runTUI runs the console on the terminal until the technician quits.
func (a *app) runTUI(ctx context.Context, conf *mcu.Conference) error {
	actor := "console:" + currentUser()
	cal, err := a.flags.calendar()
	if err != nil {
		return err
	}
	err = tui.Run(ctx, tui.Options{
		MCU:        a.mcu,
		Conference: conf.ID(),
		Store:      a.st,
		Lang:       a.flags.lang,
		Actor:      actor,
		Calendar:   cal,
		Live:       a.live,
	}, os.Stdin, os.Stdout)
	// Leaving the console ends the meeting it ran (unless its log was closed from the console);
	// the close is journaled like any action.
	closeCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	a.live.As(live.Identity{Actor: actor, Role: live.RoleControl}).Leave(closeCtx, conf)
	return err
}

// currentUser names the local technician for the audit log.
func currentUser() string {
	for _, k := range []string{"SUDO_USER", "USER", "LOGNAME"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return "local"
}
