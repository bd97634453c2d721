package mcu

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// journalTimeout bounds journal writes made from the media side (joins, leaves, endpoint messages).
const journalTimeout = 5 * time.Second

// session is one connection of a bridge point to its conference, whatever carries it: its
// inbound sources, its slots, and its transport (a WHIP PeerConnection, session_webrtc.go, or
// one attached through Conference.Attach, attach.go).
type session struct {
	id   string
	conf *Conference
	m    *member
	tr   Transport
	log  *slog.Logger

	audio      []*binding // audio slots 1..K
	video      []*binding // main, then speaker
	onePicture bool       // receives one picture: its speaker slot shows the main site when no other site speaks
	hasMic     bool       // its endpoint sends a microphone
	hasCamera  bool       // its endpoint sends a camera

	audioIn atomic.Pointer[source]
	videoIn atomic.Pointer[source]

	closed       atomic.Bool
	disconnected atomic.Bool // a technician ended it: however the link then closes, the reason is "disconnected"
	closeOnce    sync.Once
	jmu          sync.Mutex // orders RecordJoin against RecordLeave

	warnedUnknown   atomic.Bool
	warnedMalformed atomic.Bool

	slotsMu   sync.Mutex
	lastSlots SlotsMessage
	slotsSent bool

	// guarded by Conference.mu
	journalID int64
	joinedAt  time.Time
	connected bool

	q         qualityState           // used only by the conference's quality tick
	assigned  slotPlan               // used only by the conference's selection tick
	codecSaid map[string]codecNotice // used only by the selection tick: mismatches already reported
}

// newSessionID returns a random UUID (version 4).
func newSessionID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newSession makes a session of m over tr; it is m's current one once attached.
func (c *Conference) newSession(m *member, tr Transport) *session {
	s := &session{id: newSessionID(), conf: c, m: m, tr: tr}
	s.log = c.log.With("bp", m.info.ID, "session", s.id)
	return s
}

// connectedUp records the join and announces it, once.
func (s *session) connectedUp() {
	s.jmu.Lock()
	defer s.jmu.Unlock()
	c := s.conf
	c.mu.Lock()
	already := s.connected
	c.mu.Unlock()
	if already || s.closed.Load() {
		return
	}
	now := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	jid, err := c.mcu.journal.RecordJoin(ctx, c.spec.MeetingID, now, s.m.info.ID)
	cancel()
	if err != nil {
		s.log.Error("journal join", "err", err)
	}
	c.mu.Lock()
	if s.connected {
		c.mu.Unlock()
		return
	}
	s.connected, s.journalID, s.joinedAt = true, jid, now
	s.m.everJoined = true
	c.mu.Unlock()
	s.log.Info("bridge point joined")
	c.emit(EventJoined, s.m.info.ID, "system", 0, "")
}

// close ends the session once: slots emptied, transport closed, leave journaled.
func (s *session) close(reason string) {
	if s.disconnected.Load() {
		reason = string(RefusedDisconnected)
	}
	s.closeOnce.Do(func() {
		s.jmu.Lock()
		defer s.jmu.Unlock()
		s.closed.Store(true)
		c := s.conf
		c.mu.Lock()
		if s.m.sess == s {
			s.m.sess = nil
			s.m.leftReason = reason
		}
		delete(c.sessions, s.id)
		jid, connected := s.journalID, s.connected
		s.connected = false
		c.mu.Unlock()
		for _, b := range s.audio {
			b.detach()
		}
		for _, b := range s.video {
			b.detach()
		}
		s.tr.Close(reason)
		if !connected {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
		defer cancel()
		if err := c.mcu.journal.RecordLeave(ctx, jid, time.Now(), reason); err != nil {
			s.log.Error("journal leave", "err", err)
		}
		s.log.Info("bridge point left", "reason", reason)
		c.emit(EventLeft, s.m.info.ID, "system", 0, reason)
	})
}
