// Package endpoints owns bridge points: the registry (units, sites, devices, join credentials)
// and its CSV import, and the browser join page. The soft endpoint, the demo script and the
// bench load generator are tooling beside it (softep, demo, bench).
package endpoints
