package mcu

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

const (
	selectInterval  = 150 * time.Millisecond // how often slot sources are recomputed
	qualityInterval = time.Second            // how often link quality is refreshed
)

// Conference is one live meeting: its members, their sessions, the slots and the speak requests.
type Conference struct {
	mcu        *MCU
	spec       ConferenceSpec
	audioSlots int
	startedAt  time.Time
	log        *slog.Logger

	ctl sync.Mutex // serialises control actions: journal first, then state

	keepCameras atomic.Int64 // until when (Unix ns) no camera is paused (KeepCameras)
	preferH264  atomic.Bool  // WHIP answers choose H.264 over VP8 (videocodec.go)

	mu        sync.Mutex
	members   []*member
	byID      map[string]*member
	sessions  map[string]*session
	requests  []*SpeakRequest
	floor     *member
	door      door
	sel       selection
	rec       *recorder // the running recording, nil when not recording
	closed    bool
	done      chan struct{}
	closeOnce sync.Once
}

func newConference(m *MCU, spec ConferenceSpec) *Conference {
	c := &Conference{mcu: m, spec: spec, audioSlots: spec.AudioSlots, startedAt: startOf(spec),
		log: m.log.With("conference", spec.ID), byID: make(map[string]*member),
		sessions: make(map[string]*session), done: make(chan struct{})}
	if c.audioSlots <= 0 {
		c.audioSlots = 3
	}
	c.preferH264.Store(spec.PreferH264)
	for _, mem := range spec.Members {
		if mem.Main {
			c.addMemberLocked(mem)
		}
	}
	for _, mem := range spec.Members {
		if !mem.Main {
			c.addMemberLocked(mem)
		}
	}
	c.spec.Members = nil // the member list lives in c.members
	return c
}

// addMemberLocked appends a member (c.mu held or c not yet shared); duplicates are ignored.
func (c *Conference) addMemberLocked(mem Member) *member {
	if m, ok := c.byID[mem.ID]; ok {
		return m
	}
	if mem.Name == "" {
		mem.Name = mem.ID
	}
	mode := Unmuted
	if c.spec.StartMuted && !mem.Main {
		mode = SoftMute
	}
	m := newMember(mem, len(c.members), mode)
	c.members = append(c.members, m)
	c.byID[mem.ID] = m
	return m
}

// ID returns the conference ID.
func (c *Conference) ID() string { return c.spec.ID }

// hasMember reports whether bridgePoint is a member.
func (c *Conference) hasMember(bridgePoint string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.byID[bridgePoint]
	return ok
}

// dropMember removes a member added for a join that failed, unless it has joined since.
func (c *Conference) dropMember(m *member) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m.sess != nil || m.everJoined || c.byID[m.info.ID] != m {
		return
	}
	delete(c.byID, m.info.ID)
	for i, x := range c.members {
		if x == m {
			c.members = append(c.members[:i], c.members[i+1:]...)
			break
		}
	}
}

// lookup returns a member by ID.
func (c *Conference) lookup(bridgePoint string) (*member, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	m, ok := c.byID[bridgePoint]
	return m, ok
}

// attach makes s its member's current session; a previous session is closed as "replaced".
func (c *Conference) attach(s *session) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return ErrClosed
	}
	old := s.m.sess
	if old != nil || s.m.everJoined {
		s.m.reconnects++
	}
	s.m.sess = s
	c.sessions[s.id] = s
	c.mu.Unlock()
	if old != nil {
		old.close("replaced")
	}
	return nil
}

// sessionByID returns a live session by its WHIP session ID.
func (c *Conference) sessionByID(id string) (*session, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.sessions[id]
	return s, ok
}

// emit publishes an event of this conference.
func (c *Conference) emit(kind EventKind, bridgePoint, actor string, requestID int64, detail string) {
	c.mcu.counters.counted(kind)
	c.mcu.events.emit(Event{At: time.Now(), Conference: c.spec.ID, Kind: kind, BridgePoint: bridgePoint,
		Actor: actor, RequestID: requestID, Detail: detail})
}

// run drives slot selection and quality refresh until the conference closes.
func (c *Conference) run() {
	sel := time.NewTicker(selectInterval)
	defer sel.Stop()
	q := time.NewTicker(qualityInterval)
	defer q.Stop()
	for {
		select {
		case <-c.done:
			return
		case now := <-sel.C:
			c.selectSources(now)
		case now := <-q.C:
			c.refreshQuality(now)
		}
	}
}

// shutdown closes every session and forgets the conference; reason goes into each leave.
func (c *Conference) shutdown(reason string) {
	c.closeOnce.Do(func() {
		c.mu.Lock()
		c.closed = true
		sessions := make([]*session, 0, len(c.sessions))
		for _, s := range c.sessions {
			sessions = append(sessions, s)
		}
		c.mu.Unlock()
		close(c.done)
		var wg sync.WaitGroup
		for _, s := range sessions {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s.close(reason)
			}()
		}
		wg.Wait()
		c.endRecording()
		c.mcu.forget(c)
	})
}

// startOf is when the conference of spec started: its StartedAt, else now.
func startOf(spec ConferenceSpec) time.Time {
	if spec.StartedAt.IsZero() {
		return time.Now()
	}
	return spec.StartedAt
}
