package ops

import (
	"github.com/prometheus/client_golang/prometheus"

	"diemcau/mcu"
)

// callStateNames are the call states a room system's call can be in (mcu.CallState.State).
var callStateNames = []string{mcu.CallCalling, mcu.CallRinging, mcu.CallConnected, mcu.CallBusy,
	mcu.CallNoAnswer, mcu.CallRedial, mcu.CallFailed, mcu.CallEnded}

// CallCollector exposes the calls the server placed to room systems: how many bridge points
// of the live conferences are in each call state (every state reported, 0 included, so an
// alert on "failed" has a series).
type CallCollector struct {
	m     *mcu.MCU
	calls *prometheus.Desc
}

// NewCallCollector returns the collector of m's call states.
func NewCallCollector(m *mcu.MCU) *CallCollector {
	return &CallCollector{m: m, calls: prometheus.NewDesc("diemcau_sip_calls",
		"Bridge points of live conferences by the state of the call the server placed to their room system.",
		[]string{"state"}, nil)}
}

// Describe sends the metric's description.
func (c *CallCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.calls }

// Collect counts the members' call states once and sends them.
func (c *CallCollector) Collect(ch chan<- prometheus.Metric) {
	n := map[string]int{}
	for _, conf := range c.m.Conferences() {
		for _, p := range conf.Snapshot().Participants {
			n[p.Call.State]++
		}
	}
	for _, s := range callStateNames {
		ch <- prometheus.MustNewConstMetric(c.calls, prometheus.GaugeValue, float64(n[s]), s)
	}
}
