package mcu

import (
	"maps"
	"sync"
	"sync/atomic"
)

// Counters is one reading of the MCU's own counters, for /metrics: sums over the members of
// every live conference plus what the conferences that have ended had counted. Reading them
// takes each conference's lock briefly; the media path pays nothing more than the per-member
// atomic counters it already keeps.
type Counters struct {
	Conferences           int                 // live conferences
	BridgePointsConnected int                 // bridge points with a connected session
	PacketsIn             uint64              // RTP packets received from bridge points
	PacketsForwarded      uint64              // RTP packets forwarded to bridge points
	BytesIn               uint64              // RTP bytes received
	BytesOut              uint64              // RTP bytes forwarded
	Joins                 uint64              // sessions that came up (ICE and DTLS connected)
	Mutes                 uint64              // bridge points muted (soft or hard)
	JoinRefusals          map[string]uint64   // WHIP requests refused, by reason
	RecorderDropped       uint64              // packets the recorder dropped because the disk fell behind
	Sessions              map[SessionKind]int // connected sessions by transport and codecs (codecs.go)
}

// refusalReasons names the WHIP refusals counted in Counters.JoinRefusals.
var refusalReasons = map[textKey]string{
	txtUnknownBridgePoint: "unknown_bridge_point",
	txtUnauthorized:       "unauthorized",
	txtTooManyFailures:    "rate_limited",
	txtUnsupportedMedia:   "unsupported_media",
	txtBadOffer:           "bad_offer",
	txtBodyTooLarge:       "body_too_large",
	txtInternal:           "internal",
	txtNotExpected:        "not_expected",
	txtLocked:             "locked",
	txtDisconnected:       "disconnected",
}

// mcuCounters are the counters the MCU keeps beside its members' own.
type mcuCounters struct {
	joins, mutes    atomic.Uint64
	recorderDropped atomic.Uint64

	mu       sync.Mutex
	refusals map[string]uint64
	ended    Counters // the packet and byte counts of conferences that have ended; guarded by MCU.mu
}

// refused counts a WHIP refusal whose message is key; other messages are not counted.
func (k *mcuCounters) refused(key textKey) {
	reason, ok := refusalReasons[key]
	if !ok {
		return
	}
	k.mu.Lock()
	if k.refusals == nil {
		k.refusals = map[string]uint64{}
	}
	k.refusals[reason]++
	k.mu.Unlock()
}

// counted notes the events that are counted.
func (k *mcuCounters) counted(kind EventKind) {
	switch kind {
	case EventJoined:
		k.joins.Add(1)
	case EventMuted:
		k.mutes.Add(1)
	}
}

// media adds c's packet and byte counts to sum, and its connected bridge points and the
// recorder's drops so far when live.
func (c *Conference) media(sum *Counters, live bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range c.members {
		sum.PacketsIn += m.packetsIn.Load()
		sum.PacketsForwarded += m.packetsOut.Load()
		sum.BytesIn += m.bytesIn.Load()
		sum.BytesOut += m.bytesOut.Load()
		if live && m.sess != nil && m.sess.connected {
			sum.BridgePointsConnected++
			sum.Sessions[m.sess.kind()]++
		}
	}
	if live && c.rec != nil {
		sum.RecorderDropped += c.rec.q.drops.Load()
	}
}

// Counters reads the MCU's counters.
func (m *MCU) Counters() Counters {
	m.mu.Lock()
	out := m.counters.ended
	confs := make([]*Conference, 0, len(m.confs))
	for _, c := range m.confs {
		confs = append(confs, c)
	}
	m.mu.Unlock()
	out.Conferences = len(confs)
	out.Sessions = map[SessionKind]int{}
	for _, c := range confs {
		c.media(&out, true)
	}
	out.Joins, out.Mutes = m.counters.joins.Load(), m.counters.mutes.Load()
	out.RecorderDropped += m.counters.recorderDropped.Load()
	m.counters.mu.Lock()
	out.JoinRefusals = maps.Clone(m.counters.refusals)
	m.counters.mu.Unlock()
	if out.JoinRefusals == nil {
		out.JoinRefusals = map[string]uint64{}
	}
	return out
}
