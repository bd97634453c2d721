// Package live owns the life of every live meeting of the process: opening one (ad hoc or from
// a booking), resuming those still live after a restart, the trackers that turn what the MCU
// sees into incident drafts (outages, site reports), closing one with its Appendix II log, and
// stopping them all on shutdown, and the one facade (Desk) every person's action passes through.
// serve, the console, the HTTP API and the command line call it; it imports mcu,
// meeting, endpoints and store, never the console.
package live
