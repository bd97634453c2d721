// Package endpoints owns bridge points: the registry (units, sites, devices, join credentials)
// and its CSV import, the soft endpoint that joins the MCU with media from testdata/, and the
// browser join page.
package endpoints
