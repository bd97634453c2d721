package main

import (
	"context"

	"diemcau/mcu"
	"diemcau/tui"
)

// recordSiteReports keeps conf's site incident reports as drafts until the conference ends; close
// waits for it like for the outage tracker.
func (a *app) recordSiteReports(ctx context.Context, conf *mcu.Conference) {
	a.tracking.Add(1)
	go func() {
		defer a.tracking.Done()
		tui.RecordSiteReports(ctx, a.mcu, conf, a.st, a.log)
	}()
}
