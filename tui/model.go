package tui

import (
	"context"
	"log/slog"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"diemcau/live"
	"diemcau/mcu"
	"diemcau/meeting"
	"diemcau/store"
)

// Options configure one console session.
type Options struct {
	MCU         *mcu.MCU
	Conference  string // conference id to show; empty shows the first live one
	Store       *store.Store
	Lang        string             // "vi" (default) or "en"
	Actor       string             // technician identity for the audit log, e.g. "console:root"
	Renderer    *lipgloss.Renderer // nil = lipgloss.DefaultRenderer()
	Role        Role               // what the technician may do; empty = RoleControl, the local console
	BridgePoint string             // an operator's own bridge point
	Log         *slog.Logger       // refused actions are logged here; nil = slog.Default()
	Calendar    *meeting.Calendar  // working days for the bookings view; nil = meeting.DefaultCalendar()
	Live        *live.Manager      // opens and closes meetings; nil = one over MCU and Store
}

// panel is a focusable panel of the main screen, in tab order.
type panel int

const (
	panelTable panel = iota
	panelQueue
	panelEvents
	panelCount
)

// refreshEvery is how often the console polls the conference snapshot and drains events.
const refreshEvery = 100 * time.Millisecond

// Model is the root of the console: it composes the panels and the stack of views over them
// (overlay.go), gives each key to the view on top — or, with none open, to the global keys and
// the focused panel — and turns keys into MCU and store commands.
type Model struct {
	common  Common
	opts    Options
	full    *KeyMap // the unconfined key map, to recognise a key the role may not use
	log     *slog.Logger
	conf    *mcu.Conference
	snap    mcu.Snapshot
	names   map[string]string
	orderOf int64 // the meeting whose list order the table has (listOrderCmd)
	now     time.Time
	ended   bool
	focus   panel
	header  *Header
	table   *BridgePointTable
	queue   *SpeakQueue
	events  *EventLog
	help    *HelpBar

	overlays overlays // the views over the main screen, bottom first (overlay.go)

	testMeter *meeting.TestMeter // what the MCU measured of each bridge point, for the test session

	live            *live.Manager
	callNoted       map[string]time.Time // the failed calls said on the status line, by their Since (calls_actions.go)
	schedule        []live.Scheduled     // today's bookings, shown while no meeting is live
	scheduleErr     error
	scheduleLoading bool

	pendingDisconnect string // the bridge point waiting for the disconnect confirmation

	floor        floorState
	floorSince   map[string]time.Time    // when each floor holder was granted the floor
	pendingClose []store.MeetingLogEntry // entries waiting for the close confirmation

	eventsCh  <-chan mcu.Event
	cancelSub func()
	done      chan struct{}
	closeOnce sync.Once
}

// New returns the root model for opts, subscribed to the MCU's events.
func New(opts Options) *Model { return newModel(context.Background(), opts) }

// NewContext returns the root model for opts whose commands run under ctx: a front end that
// serves sessions (package sshd) passes the session's context, so that its end cancels them.
func NewContext(ctx context.Context, opts Options) *Model { return newModel(ctx, opts) }

// newModel builds the root model whose commands run under ctx.
func newModel(ctx context.Context, opts Options) *Model {
	c := NewCommon(ctx, opts.Renderer, opts.Lang, opts.Actor)
	c.Perm = NewPermissions(opts.Role, opts.BridgePoint)
	c.Keys.confine(c.Perm)
	c.SetSize(80, 24)
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	lv := opts.Live
	if lv == nil && opts.MCU != nil && opts.Store != nil {
		lv = live.New(live.Config{Store: opts.Store, MCU: opts.MCU, Lang: c.Lang, Log: opts.Log})
	}
	c.facade = lv
	if lv == nil { // no MCU or no store: the facade acts on what there is
		c.facade = live.New(live.Config{Store: opts.Store, MCU: opts.MCU, Lang: c.Lang, Log: opts.Log})
	}
	m := &Model{
		common: c, opts: opts, full: NewKeyMap(c.Lang), log: opts.Log,
		names: map[string]string{}, now: time.Now(),
		header: NewHeader(c), table: NewBridgePointTable(c), queue: NewSpeakQueue(c),
		events: NewEventLog(c), help: NewHelpBar(c), done: make(chan struct{}),
		floorSince: map[string]time.Time{}, testMeter: meeting.NewTestMeter(),
	}
	m.live = lv
	if opts.MCU != nil {
		m.eventsCh, m.cancelSub = opts.MCU.Subscribe(256)
		m.conf = findConferenceFor(opts.MCU, opts.Conference, c.Perm)
		if m.conf != nil {
			m.applySnapshot(m.conf.Snapshot(), m.now)
		}
	}
	m.layout()
	return m
}

// findConferenceFor is the conference a session of p lands in: id when given; else, for a host or
// operator key with a bridge point, the live meeting that bridge point is in (none while it is
// in none); else the first live one.
func findConferenceFor(m *mcu.MCU, id string, p Permissions) *mcu.Conference {
	if id != "" || p.BridgePoint == "" || (p.role() != RoleHost && p.role() != RoleOperator) {
		return findConference(m, id)
	}
	for _, c := range m.Conferences() {
		for _, x := range c.Snapshot().Participants {
			if x.ID == p.BridgePoint {
				return c
			}
		}
	}
	return nil
}

// findConference returns the conference id, or the first live one when id is empty.
func findConference(m *mcu.MCU, id string) *mcu.Conference {
	if id != "" {
		c, _ := m.Conference(id)
		return c
	}
	if all := m.Conferences(); len(all) > 0 {
		return all[0]
	}
	return nil
}

// Close ends the event subscription; the console calls it when it quits.
func (m *Model) Close() {
	m.closeOnce.Do(func() {
		close(m.done)
		if m.cancelSub != nil {
			m.cancelSub()
		}
	})
}

// Init starts the snapshot ticker and the event reader.
func (m *Model) Init() tea.Cmd {
	var schedule tea.Cmd
	if m.conf == nil && m.opts.Conference == "" {
		schedule = m.loadMeetingsCmd(nil, 0)
	}
	return tea.Batch(m.tickCmd(), waitEventsCmd(m.common.Context(), m.done, m.eventsCh, 0),
		m.floorTick(0), m.testResultsTick(0), schedule)
}

// Live reports whether the console shows a meeting that has not ended.
func (m *Model) Live() bool { return m.conf != nil && !m.ended }

// Snapshot is the conference state the console last drew.
func (m *Model) Snapshot() mcu.Snapshot { return m.snap }

// applySnapshot hands a fresh snapshot to every panel.
func (m *Model) applySnapshot(s mcu.Snapshot, now time.Time) {
	m.snap, m.now = s, now
	defer m.noteLiveMain(s)
	defer m.noteCalls(s)
	for _, p := range s.Participants { // names stay known after a site leaves: the event log uses them
		m.names[p.ID] = p.Name
	}
	m.header.SetSnapshot(s, m.names, now)
	m.header.SetMeetingOf(m.meetingOf(s.ID))
	m.table.SetParticipants(s.Participants)
	for _, p := range s.Participants {
		if _, ok := m.floorSince[p.ID]; p.Floor && !ok {
			m.floorSince[p.ID] = now
		} else if !p.Floor && ok {
			delete(m.floorSince, p.ID)
		}
	}
	if room := m.room(); room != nil {
		room.SetSnapshot(s)
	}
	m.queue.SetFloorSince(m.floorSince)
	m.queue.SetSnapshot(s, m.names, now)
}

// setFocus gives the keyboard to panel p.
func (m *Model) setFocus(p panel) {
	m.focus = p
	m.table.SetFocused(p == panelTable)
	m.queue.SetFocused(p == panelQueue)
	m.events.SetFocused(p == panelEvents)
}
