package mcu

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"sync"

	"github.com/pion/ice/v4"
)

// ErrClosed is returned when the MCU or a conference has been closed.
var ErrClosed = errors.New("mcu: closed")

// MCU hosts the live conferences and their media.
type MCU struct {
	cfg       Config
	journal   Journal
	creds     Credentials
	log       *slog.Logger
	pcs       *pcFactory // makes every PeerConnection (engine.go)
	pion      *pionLogs  // Pion's logs, rate-limited; watches each PeerConnection (rtcpguard.go)
	mux       ice.UDPMux
	stats     *statsRegistry
	batches   *batchSet // sockets of the shared UDP port, flushed after each fan-out
	events    eventHub
	authLimit *authLimiter // slows repeated credential failures from one address
	counters  mcuCounters  // for /metrics (metrics.go)

	mu     sync.Mutex
	confs  map[string]*Conference
	closed bool
}

// New builds an MCU that journals through j and checks join secrets with c.
func New(cfg Config, j Journal, c Credentials, log *slog.Logger) (*MCU, error) {
	if j == nil || c == nil {
		return nil, errors.New("mcu: journal and credentials are required")
	}
	if log == nil {
		log = cfg.Log
	}
	if log == nil {
		log = slog.Default()
	}
	if cfg.Lang == "" {
		cfg.Lang = "vi"
	}
	reg := &statsRegistry{}
	batches := &batchSet{log: log.With("pkg", "mcu")}
	pion := newPionLogs(log.With("pkg", "mcu"))
	pcs, mux, err := newPCFactory(cfg, reg, batches, pion)
	if err != nil {
		return nil, fmt.Errorf("mcu: %w", err)
	}
	return &MCU{cfg: cfg, journal: j, creds: c, log: log.With("pkg", "mcu"), pcs: pcs, pion: pion, mux: mux,
		stats: reg, batches: batches, confs: make(map[string]*Conference), authLimit: newAuthLimiter()}, nil
}

// Open starts a conference described by spec.
func (m *MCU) Open(ctx context.Context, spec ConferenceSpec) (*Conference, error) {
	return m.open(ctx, spec, nil)
}

// open starts a conference; prepare, when set, adjusts it before anyone can join it.
func (m *MCU) open(ctx context.Context, spec ConferenceSpec, prepare func(*Conference)) (*Conference, error) {
	if spec.ID == "" {
		return nil, errors.New("mcu: open conference: empty ID")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("mcu: open conference %s: %w", spec.ID, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, ErrClosed
	}
	if _, ok := m.confs[spec.ID]; ok {
		return nil, fmt.Errorf("mcu: conference %s is already open", spec.ID)
	}
	for _, mem := range spec.Members {
		for _, other := range m.confs {
			if other.hasMember(mem.ID) {
				return nil, fmt.Errorf("mcu: bridge point %s is already in live conference %s", mem.ID, other.spec.ID)
			}
		}
	}
	c := newConference(m, spec)
	if prepare != nil {
		prepare(c)
	}
	m.confs[spec.ID] = c
	go c.run()
	return c, nil
}

// Conference returns the live conference with the given ID.
func (m *MCU) Conference(id string) (*Conference, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.confs[id]
	return c, ok
}

// Conferences returns the live conferences ordered by start time.
func (m *MCU) Conferences() []*Conference {
	m.mu.Lock()
	out := make([]*Conference, 0, len(m.confs))
	for _, c := range m.confs {
		out = append(out, c)
	}
	m.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].startedAt.Equal(out[j].startedAt) {
			return out[i].spec.ID < out[j].spec.ID
		}
		return out[i].startedAt.Before(out[j].startedAt)
	})
	return out
}

// Subscribe returns a channel of events of every conference; cancel ends the subscription.
func (m *MCU) Subscribe(buffer int) (events <-chan Event, cancel func()) {
	return m.events.subscribe(buffer)
}

// Close ends every conference without journaling a close action and releases the network.
func (m *MCU) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	confs := make([]*Conference, 0, len(m.confs))
	for _, c := range m.confs {
		confs = append(confs, c)
	}
	m.mu.Unlock()
	for _, c := range confs {
		c.shutdown("closed")
	}
	m.events.closeAll()
	if m.mux != nil {
		if err := m.mux.Close(); err != nil {
			return fmt.Errorf("mcu: close udp mux: %w", err)
		}
	}
	return nil
}

// conferenceFor finds the live conference bridgePoint may join: one listing it, else an open-to-all one.
func (m *MCU) conferenceFor(bridgePoint string) *Conference {
	m.mu.Lock()
	defer m.mu.Unlock()
	var open *Conference
	for _, c := range m.confs {
		if c.hasMember(bridgePoint) {
			return c
		}
		if c.spec.OpenToAll && (open == nil || c.startedAt.Before(open.startedAt)) {
			open = c
		}
	}
	return open
}

// forget removes a closed conference.
func (m *MCU) forget(c *Conference) {
	var ended Counters
	c.media(&ended, false)
	m.mu.Lock()
	if m.confs[c.spec.ID] == c {
		delete(m.confs, c.spec.ID)
		e := &m.counters.ended
		e.PacketsIn, e.PacketsForwarded = e.PacketsIn+ended.PacketsIn, e.PacketsForwarded+ended.PacketsForwarded
		e.BytesIn, e.BytesOut = e.BytesIn+ended.BytesIn, e.BytesOut+ended.BytesOut
	}
	m.mu.Unlock()
}
