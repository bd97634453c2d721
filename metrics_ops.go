package main

import (
	"context"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/sys/unix"

	"diemcau/mcu"
	"diemcau/sshd"
	"diemcau/store"
)

// gradeValue orders the quality grades for alerting: 0 good, 1 fair, 2 poor, 3 bad.
var gradeValue = map[string]float64{mcu.GradeGood: 0, mcu.GradeFair: 1, mcu.GradePoor: 2, mcu.GradeBad: 3}

// opsCollector exposes what an operator alerts on, read at scrape time: each bridge point's
// link in the live meetings, recording, open incidents and interruptions from the log store,
// the SSH consoles, and the free disk where the database and recordings live.
type opsCollector struct {
	m   *mcu.MCU
	st  *store.Store
	dir string                       // the database's folder: recordings and backups go there too
	ssh *atomic.Pointer[sshd.Server] // set once serve has built it

	bpConnected, bpLoss, bpJitter, bpRTT, bpKbps, bpGrade, bpMuted *prometheus.Desc
	recording, incidents, outagesOpen, interruption                *prometheus.Desc
	sshSessions, sshRefused, diskFree, diskTotal                   *prometheus.Desc
}

func newOpsCollector(m *mcu.MCU, st *store.Store, dir string, ssh *atomic.Pointer[sshd.Server]) *opsCollector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("diemcau_"+name, help, labels, nil)
	}
	bp := []string{"meeting", "bridge_point"}
	return &opsCollector{m: m, st: st, dir: dir, ssh: ssh,
		bpConnected:  d("bridge_point_connected", "1 when the bridge point of a live meeting has a connected session.", bp...),
		bpLoss:       d("bridge_point_loss_percent", "Inbound packet loss of a connected bridge point, percent, over the last interval.", bp...),
		bpJitter:     d("bridge_point_jitter_ms", "Inbound audio jitter of a connected bridge point, milliseconds.", bp...),
		bpRTT:        d("bridge_point_rtt_ms", "Round-trip time to a connected bridge point from RTCP, milliseconds (0 unknown).", bp...),
		bpKbps:       d("bridge_point_bitrate_in_kbps", "Inbound bitrate of a connected bridge point, kbit/s.", bp...),
		bpGrade:      d("bridge_point_quality_grade", "Link grade of a connected bridge point: 0 good, 1 fair, 2 poor, 3 bad.", bp...),
		bpMuted:      d("bridge_point_muted", "1 when the bridge point's microphone is muted (soft or hard).", bp...),
		recording:    d("recording_active", "1 while the live meeting is being recorded.", "meeting"),
		incidents:    d("incidents_open", "Incidents of the live meeting not resolved yet (drafts and open).", "meeting"),
		outagesOpen:  d("interruptions_open", "Bridge points of the live meeting interrupted now (disconnected or without media).", "meeting"),
		interruption: d("interruption_seconds", "Seconds of interruption of the live meeting's bridge points so far, ongoing ones included.", "meeting"),
		sshSessions:  d("ssh_sessions", "Technicians' consoles open over SSH."),
		sshRefused:   d("ssh_refusals_total", "SSH logins refused (unknown or skipped key)."),
		diskFree:     d("disk_free_bytes", "Free bytes for diemcau on the disk of the database, recordings and backups.", "path"),
		diskTotal:    d("disk_size_bytes", "Size of the disk of the database, recordings and backups.", "path"),
	}
}

// Describe sends every metric's description.
func (c *opsCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.bpConnected, c.bpLoss, c.bpJitter, c.bpRTT, c.bpKbps, c.bpGrade, c.bpMuted,
		c.recording, c.incidents, c.outagesOpen, c.interruption, c.sshSessions, c.sshRefused, c.diskFree, c.diskTotal} {
		ch <- d
	}
}

// Collect reads the live meetings, the store, the SSH server and the disk once.
func (c *opsCollector) Collect(ch chan<- prometheus.Metric) {
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	now := time.Now()
	for _, conf := range c.m.Conferences() {
		snap := conf.Snapshot()
		meeting := strconv.FormatInt(snap.MeetingID, 10)
		for _, p := range snap.Participants {
			gauge(c.bpConnected, boolValue(p.Connected), meeting, p.ID)
			gauge(c.bpMuted, boolValue(p.Mute != mcu.Unmuted), meeting, p.ID)
			if !p.Connected {
				continue
			}
			q := p.Quality
			gauge(c.bpLoss, q.LossPct, meeting, p.ID)
			gauge(c.bpJitter, q.JitterMs, meeting, p.ID)
			gauge(c.bpRTT, q.RTTMs, meeting, p.ID)
			gauge(c.bpKbps, q.BitrateKbps, meeting, p.ID)
			if g, ok := gradeValue[q.Grade]; ok {
				gauge(c.bpGrade, g, meeting, p.ID)
			}
		}
		gauge(c.recording, boolValue(snap.Recording), meeting)
		c.collectLog(ctx, snap.MeetingID, meeting, now, gauge)
	}
	if srv := c.ssh.Load(); srv != nil {
		s := srv.Stats()
		gauge(c.sshSessions, float64(s.Sessions))
		ch <- prometheus.MustNewConstMetric(c.sshRefused, prometheus.CounterValue, float64(s.Refused))
	}
	var fs unix.Statfs_t
	if err := unix.Statfs(c.dir, &fs); err == nil {
		gauge(c.diskFree, float64(fs.Bavail)*float64(fs.Bsize), c.dir)
		gauge(c.diskTotal, float64(fs.Blocks)*float64(fs.Bsize), c.dir)
	}
}

// collectLog sends a live meeting's open incidents and interruptions from the log store; a
// store error leaves them out of this scrape (an absent series, which the alert rules watch).
func (c *opsCollector) collectLog(ctx context.Context, id int64, meeting string, now time.Time, gauge func(*prometheus.Desc, float64, ...string)) {
	if c.st == nil || id == 0 {
		return
	}
	if all, err := c.st.Incidents(ctx, id); err == nil {
		open := 0
		for _, in := range all {
			if in.Status != "resolved" {
				open++
			}
		}
		gauge(c.incidents, float64(open), meeting)
	}
	if outs, err := c.st.Outages(ctx, id); err == nil {
		var total time.Duration
		ongoing := 0
		for _, o := range outs {
			total += o.Duration(now)
			if o.EndedAt.IsZero() {
				ongoing++
			}
		}
		gauge(c.interruption, total.Seconds(), meeting)
		gauge(c.outagesOpen, float64(ongoing), meeting)
	}
}

// boolValue is 1 for true.
func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
