package main

import (
	"context"

	"diemcau/mcu"
	"diemcau/tui"
)

// recordSiteReports keeps conf's site incident reports as drafts until the conference ends; close
// stops it and waits for it like for the outage tracker.
func (a *app) recordSiteReports(ctx context.Context, conf *mcu.Conference) {
	a.track(ctx, func(ctx context.Context) { tui.RecordSiteReports(ctx, a.mcu, conf, a.st, a.log) })
}
