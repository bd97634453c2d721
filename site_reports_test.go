package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"diemcau/live"
	"diemcau/meeting"
	"diemcau/softep"
	"diemcau/store"
)

// TestSiteReportBecomesADraftAndReachesTheLog: an incident a site reports over its control
// channel (as a soft endpoint, a VCS terminal or an operator's tool does) becomes one incident
// draft of the meeting, attributed to the site, and its text is in the closed meeting's
// Appendix II export.
func TestSiteReportBecomesADraftAndReachesTheLog(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "diemcau.db")
	cf := commonFlags{db: db, http: "127.0.0.1:0", lang: "vi", logFile: filepath.Join(dir, "diemcau.log")}
	ctx := context.Background()
	a, err := openApp(ctx, cf, true)
	if err != nil {
		t.Fatal(err)
	}
	defer a.close()
	if _, err := a.reg.Import(ctx, strings.NewReader(e2eRegistry), "vi"); err != nil {
		t.Fatal(err)
	}
	secret, err := a.reg.Rotate(ctx, "XA-IAGRAI")
	if err != nil {
		t.Fatal(err)
	}
	bps, err := a.reg.BridgePoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conf, err := a.live.Open(ctx, live.Spec{Meeting: store.Meeting{Title: "Giao ban", MainBP: "UBND-TINH"}, Host: "Văn phòng UBND tỉnh", Members: bps})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.serveHTTP(); err != nil {
		t.Fatal(err)
	}
	media, err := softep.FindTestdata()
	if err != nil {
		t.Fatal(err)
	}
	clips, err := softep.LoadClips(media)
	if err != nil {
		t.Fatal(err)
	}
	ep := softep.New(softep.Config{URL: a.baseURL, ID: "XA-IAGRAI", Token: secret, Clips: clips,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	joinCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := ep.Join(joinCtx); err != nil {
		t.Fatal(err)
	}
	defer ep.Leave(ctx)
	const report = "Mất điện lưới tại phòng họp, đang chạy máy phát"
	waitFor(t, "the control channel open", 10*time.Second, func() bool { return ep.ReportIncident(report) == nil })

	mid := conf.Snapshot().MeetingID
	var incs []store.Incident
	waitFor(t, "the site's report stored as a draft", 10*time.Second, func() bool {
		incs, err = a.st.Incidents(ctx, mid)
		return err == nil && len(incs) > 0
	})
	time.Sleep(300 * time.Millisecond) // no second draft for one report
	if incs, err = a.st.Incidents(ctx, mid); err != nil {
		t.Fatal(err)
	}
	if len(incs) != 1 {
		t.Fatalf("incidents after one report: %+v, want exactly one", incs)
	}
	in := incs[0]
	if in.BridgePoint != "XA-IAGRAI" || in.Kind != "other" || in.Status != "draft" || in.Description != report ||
		in.ReportedBy != live.SiteReporter("XA-IAGRAI") || in.StartedAt.IsZero() {
		t.Errorf("draft = %+v", in)
	}

	entries, err := meeting.PrefillLog(ctx, a.st, mid, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := meeting.CloseLog(ctx, a.st, mid, entries, "console:kythuat", time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := conf.Close(ctx, "console:kythuat"); err != nil {
		t.Fatal(err)
	}
	out := captureStdout(t, func() error {
		return runReport(ctx, []string{"meeting", strconv.FormatInt(mid, 10), "--db", db, "--format", "md"})
	})
	if !strings.Contains(out, report) {
		t.Errorf("the Appendix II export lacks the site's report:\n%s", out)
	}
}
