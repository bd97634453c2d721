package ops

import (
	"github.com/prometheus/client_golang/prometheus"

	"diemcau/mcu"
)

// MCUCollector exposes the MCU's own counters to Prometheus, read at scrape time from the
// counters the MCU keeps anyway: a scrape costs a walk over the members, a packet nothing.
type MCUCollector struct {
	m *mcu.MCU

	conferences, connected                  *prometheus.Desc
	packetsIn, forwarded, bytesIn, bytesOut *prometheus.Desc
	joins, refusals, mutes, recorderDropped *prometheus.Desc
	sessions                                *prometheus.Desc
}

// NewMCUCollector returns the collector of m's counters.
func NewMCUCollector(m *mcu.MCU) *MCUCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("diemcau_"+name, help, labels, nil)
	}
	return &MCUCollector{m: m,
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
		sessions: d("bridge_point_sessions", "Connected bridge-point sessions by transport (webrtc, sip) and negotiated codecs.",
			"transport", "audio_codec", "video_codec"),
	}
}

// Describe sends every metric's description.
func (c *MCUCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.conferences, c.connected, c.packetsIn, c.forwarded, c.bytesIn,
		c.bytesOut, c.joins, c.refusals, c.mutes, c.recorderDropped, c.sessions} {
		ch <- d
	}
}

// Collect reads the MCU's counters once and sends them.
func (c *MCUCollector) Collect(ch chan<- prometheus.Metric) {
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
	for s, n := range k.Sessions {
		ch <- prometheus.MustNewConstMetric(c.sessions, prometheus.GaugeValue, float64(n), s.Transport, s.AudioCodec, s.VideoCodec)
	}
}
