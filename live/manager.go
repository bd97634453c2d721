package live

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"diemcau/mcu"
	"diemcau/store"
)

// Config is what a Manager runs on.
type Config struct {
	Store *store.Store
	MCU   *mcu.MCU
	Lang  string       // "vi" (default) or "en": incident drafts and errors
	Log   *slog.Logger // nil = slog.Default()
	// Now is the clock (tests inject one); nil = time.Now.
	Now func() time.Time
}

// Manager runs the live meetings of one process.
type Manager struct {
	st   *store.Store
	mcu  *mcu.MCU
	lang string
	log  *slog.Logger
	now  func() time.Time

	openMu sync.Mutex // one open at a time: the busy check and the MCU's open see the same rooms

	tracking     sync.WaitGroup // the trackers of the meetings this process runs
	trackMu      sync.Mutex
	stopTrackers []context.CancelFunc

	dialler atomic.Pointer[Dialler] // calls.go; nil: SIP is off
}

// New returns the manager of cfg's MCU and store.
func New(cfg Config) *Manager {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Manager{st: cfg.Store, mcu: cfg.MCU, lang: cfg.Lang, log: cfg.Log, now: cfg.Now}
}

// MCU is the media plane the meetings run on.
func (m *Manager) MCU() *mcu.MCU { return m.mcu }

// Store is the log store the meetings are written to.
func (m *Manager) Store() *store.Store { return m.st }

// Conference returns the live conference of meeting id.
func (m *Manager) Conference(meetingID int64) (*mcu.Conference, bool) {
	if m.mcu == nil {
		return nil, false
	}
	for _, c := range m.mcu.Conferences() {
		if c.Snapshot().MeetingID == meetingID {
			return c, true
		}
	}
	return nil, false
}

// startTrackers turns the conference's drops, silences and poor links into incident drafts, and
// what a site reports itself into drafts too, until the conference closes (its meeting ends) or
// Stop stops them after it has read the interruptions still open: ctx ending does not stop them.
func (m *Manager) startTrackers(ctx context.Context, t *OutageTracker, conf *mcu.Conference) {
	ctx = context.WithoutCancel(ctx)
	m.track(ctx, func(tctx context.Context) { t.Run(tctx, NewFloorFeed(conf).Observations) })
	m.track(ctx, func(tctx context.Context) { RecordSiteReports(tctx, m.mcu, conf, m.st, m.log) })
	m.track(ctx, func(tctx context.Context) { PreferH264OnSIP(tctx, m.mcu, conf) })
}

// track runs fn in a goroutine that Stop cancels and waits for.
func (m *Manager) track(ctx context.Context, fn func(context.Context)) {
	tctx, cancel := context.WithCancel(ctx)
	m.tracking.Add(1)
	m.trackMu.Lock()
	m.stopTrackers = append(m.stopTrackers, cancel)
	m.trackMu.Unlock()
	go func() {
		defer m.tracking.Done()
		fn(tctx)
	}()
}

// Stop is the process's shutdown: it journals, for each meeting still live, which bridge points
// were connected (a restart counts the downtime as their interruption), then ends the trackers,
// which end the open outages, and waits for them. The meetings stay live in the store.
func (m *Manager) Stop() {
	m.recordStop()
	m.trackMu.Lock()
	for _, cancel := range m.stopTrackers {
		cancel()
	}
	m.stopTrackers = nil
	m.trackMu.Unlock()
	m.tracking.Wait()
}

// recordStop journals, for each conference still live, which bridge points were connected when
// the server stopped, or interrupted (an outage not yet ended, e.g. not back since the last
// restart).
func (m *Manager) recordStop() {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	for _, c := range m.mcu.Conferences() {
		snap := c.Snapshot()
		var connected []string
		listed := map[string]bool{}
		for _, p := range snap.Participants {
			if p.Connected {
				connected = append(connected, p.ID)
				listed[p.ID] = true
			}
		}
		outs, err := m.st.Outages(ctx, snap.MeetingID)
		if err != nil {
			m.log.Error("record server stop: outages", "meeting", snap.MeetingID, "err", err)
		}
		for _, o := range outs {
			if o.EndedAt.IsZero() && !listed[o.BridgePoint] {
				connected = append(connected, o.BridgePoint)
				listed[o.BridgePoint] = true
			}
		}
		if err := m.system(ctx, snap.MeetingID, time.Now(), ActionServerStop, StopDetail{Connected: connected}.String()); err != nil {
			m.log.Error("record server stop", "meeting", snap.MeetingID, "err", err)
		}
	}
}
