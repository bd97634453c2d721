package mcu

import (
	"sync"
	"sync/atomic"
	"time"
)

// member is a bridge point of a conference; its state outlives its sessions (mute survives a reconnect).
type member struct {
	info  Member
	order int

	// gate orders mute against forwarding: the audio forwarder holds RLock across its muted
	// check and its writes; Mute/Unmute take Lock to change mode.
	gate sync.RWMutex
	mode MuteMode // guarded by gate

	modeNow        atomic.Value // MuteMode mirror of mode for lock-free readers
	level          atomic.Int32 // smoothed audio level 0..100
	lastVoice      atomic.Int64 // unix nanos when the level was last above the speaking threshold
	packetsIn      atomic.Uint64
	packetsOut     atomic.Uint64
	forwardedAudio atomic.Uint64
	bytesIn        atomic.Uint64
	bytesOut       atomic.Uint64
	width, height  atomic.Int32
	frames         atomic.Uint64 // video frames received (frame boundaries of the camera)
	nackHits       atomic.Uint64 // packets this receiver asked again for and got from a cache
	nackMisses     atomic.Uint64 // … that were no longer cached

	// guarded by Conference.mu
	sess       *session
	floor      bool
	reconnects int
	everJoined bool
	leftReason string // why its last session ended
	quality    Quality
	attendees  int       // confirmed at the roll call; -1 while not
	attendedBy string    // "endpoint" or the technician who confirmed attendees
	call       CallState // the call the server places to it (callstate.go)
	rollCall   bool      // asked for its attendance and not answered yet: asked again when its control channel opens
}

func newMember(info Member, order int, mode MuteMode) *member {
	m := &member{info: info, order: order, mode: mode, attendees: -1}
	m.modeNow.Store(mode)
	return m
}

// muteMode reads the current mute mode without taking the gate.
func (m *member) muteMode() MuteMode {
	return m.modeNow.Load().(MuteMode)
}

// setMode changes the mute mode; once it returns with a muted mode, the forwarder writes no
// further audio packet of this member. It returns the previous mode.
func (m *member) setMode(mode MuteMode) MuteMode {
	m.gate.Lock()
	prev := m.mode
	m.mode = mode
	m.modeNow.Store(mode)
	m.gate.Unlock()
	return prev
}

// speaking reports whether the member's level was above the threshold within the last moment.
func (m *member) speaking(now time.Time) bool {
	return now.UnixNano()-m.lastVoice.Load() < int64(speakingHold)
}

// audibleLevel is the level shown to technicians: 0 when muted.
func (m *member) audibleLevel() int {
	if m.muteMode() != Unmuted {
		return 0
	}
	return int(m.level.Load())
}
