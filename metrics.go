package main

import (
	"net/http"
	"path/filepath"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"diemcau/ops"
)

// metricsHandler serves /metrics from a registry of this process's own: the Go and process
// collectors, the MCU's counters and what an operator alerts on (ops/).
func metricsHandler(a *app) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		ops.NewMCUCollector(a.mcu), ops.NewCallCollector(a.mcu), ops.NewAlertCollector(a.mcu, a.st, filepath.Dir(a.flags.db), a.sshStats))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// sshStats reads the technicians' SSH server for /metrics; ok is false until serve has built it.
func (a *app) sshStats() (sessions int, refused uint64, ok bool) {
	srv := a.sshSrv.Load()
	if srv == nil {
		return 0, 0, false
	}
	s := srv.Stats()
	return s.Sessions, s.Refused, true
}
