package main

import (
	"net/http"
	"path/filepath"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"diemcau/mcu"
)

// mcuCollector exposes the MCU's own counters to Prometheus, read at scrape time from the
// counters the MCU keeps anyway: a scrape costs a walk over the members, a packet nothing.
type mcuCollector struct {
	m *mcu.MCU

	conferences, connected                  *prometheus.Desc
	packetsIn, forwarded, bytesIn, bytesOut *prometheus.Desc
	joins, refusals, mutes, recorderDropped *prometheus.Desc
}

func newMCUCollector(m *mcu.MCU) *mcuCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("diemcau_"+name, help, labels, nil)
	}
	return &mcuCollector{m: m,
		conferences:     d("conferences_live", "Live conferences."),
		connected:       d("bridge_points_connected", "Bridge points with a connected WebRTC session."),
		packetsIn:       d("packets_received_total", "RTP packets received from bridge points."),
		forwarded:       d("packets_forwarded_total", "RTP packets forwarded to bridge points."),
		bytesIn:         d("bytes_in_total", "RTP bytes received from bridge points."),
		bytesOut:        d("bytes_out_total", "RTP bytes forwarded to bridge points."),
		joins:           d("joins_total", "Bridge-point sessions that came up (ICE and DTLS connected)."),
		refusals:        d("join_refusals_total", "WHIP requests refused, by reason.", "reason"),
		mutes:           d("mutes_total", "Bridge points muted (soft or hard)."),
		recorderDropped: d("recorder_dropped_total", "RTP packets the recorder dropped because the disk fell behind."),
	}
}

// Describe sends every metric's description.
func (c *mcuCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.conferences, c.connected, c.packetsIn, c.forwarded, c.bytesIn,
		c.bytesOut, c.joins, c.refusals, c.mutes, c.recorderDropped} {
		ch <- d
	}
}

// Collect reads the MCU's counters once and sends them.
func (c *mcuCollector) Collect(ch chan<- prometheus.Metric) {
	k := c.m.Counters()
	gauge := func(d *prometheus.Desc, v int) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v))
	}
	counter := func(d *prometheus.Desc, v uint64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), labels...)
	}
	gauge(c.conferences, k.Conferences)
	gauge(c.connected, k.BridgePointsConnected)
	counter(c.packetsIn, k.PacketsIn)
	counter(c.forwarded, k.PacketsForwarded)
	counter(c.bytesIn, k.BytesIn)
	counter(c.bytesOut, k.BytesOut)
	counter(c.joins, k.Joins)
	counter(c.mutes, k.Mutes)
	counter(c.recorderDropped, k.RecorderDropped)
	for reason, n := range k.JoinRefusals {
		counter(c.refusals, n, reason)
	}
}

// metricsHandler serves /metrics from a registry of this process's own: the Go and process
// collectors, the MCU's counters and what an operator alerts on (metrics_ops.go).
func metricsHandler(a *app) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		newMCUCollector(a.mcu), newOpsCollector(a.mcu, a.st, filepath.Dir(a.flags.db), &a.sshSrv))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}
