package mcu

import (
	"context"
	"time"
)

// Journal records what happens in a conference. Every control action is recorded through it
// before the MCU acknowledges the action; if recording fails the action is refused.
// *store.Store satisfies it.
type Journal interface {
	RecordAction(ctx context.Context, meetingID int64, at time.Time, actor, action, bridgePoint, detail string) (int64, error)
	RecordJoin(ctx context.Context, meetingID int64, at time.Time, bridgePoint string) (sessionID int64, err error)
	RecordLeave(ctx context.Context, sessionID int64, at time.Time, reason string) error
	RecordSpeakRequest(ctx context.Context, meetingID int64, at time.Time, bridgePoint string) (requestID int64, err error)
	UpdateSpeakRequest(ctx context.Context, requestID int64, at time.Time, state, actor string) error
}

// Credentials checks a bridge point's join secret. *endpoints.Registry satisfies it.
type Credentials interface {
	// VerifyJoin reports whether the bridge point is registered (known) and whether secret is
	// its join credential (ok). It never logs the secret.
	VerifyJoin(ctx context.Context, bridgePoint, secret string) (known, ok bool, err error)
}

// Directory names registered bridge points. When the Credentials also implement it, a bridge
// point joining an ad hoc (OpenToAll) conference is shown by its registry name.
type Directory interface {
	BridgePointName(ctx context.Context, id string) (string, error)
}

// MuteMode says who may lift a mute.
type MuteMode string

const (
	// Unmuted: the bridge point's audio is forwarded.
	Unmuted MuteMode = ""
	// SoftMute: muted; the site's own operator may unmute.
	SoftMute MuteMode = "soft"
	// HardMute: muted; only the control center may unmute.
	HardMute MuteMode = "hard"
)

// Member is a bridge point expected in a conference.
type Member struct {
	ID   string
	Name string
	Main bool // the main bridge point (điểm cầu chính)
}

// ConferenceSpec describes a conference to open.
type ConferenceSpec struct {
	ID         string // conference ID, e.g. the meeting ID as text
	MeetingID  int64  // the store's meeting ID, passed to the Journal
	Title      string
	Host       string // host unit name
	Chair      string
	Members    []Member  // expected bridge points; only they may join (another registered bridge point gets 403 from WHIP and waits at the door to be admitted, unless OpenToAll)
	OpenToAll  bool      // any bridge point the Credentials know may join (ad hoc meeting); it is added as a member on join
	AudioSlots int       // audio slots per receiver; 0 means 3
	StartMuted bool      // far ends join muted (soft)
	StartedAt  time.Time // when the meeting started (a resumed one: its real start); zero = now
	PreferH264 bool      // WHIP answers choose H.264 for video when the offer has it (SetPreferH264)
}

// EventKind names what changed.
type EventKind string

const (
	EventJoined        EventKind = "joined"         // a bridge point connected (ICE+DTLS up)
	EventLeft          EventKind = "left"           // a bridge point left or its link failed; Detail has the reason
	EventMuted         EventKind = "muted"          // Detail is the MuteMode
	EventUnmuted       EventKind = "unmuted"        //
	EventSpeakRequest  EventKind = "speak_request"  // RequestID set
	EventSpeakCancel   EventKind = "speak_cancel"   // RequestID set
	EventSpeakUpdate   EventKind = "speak_update"   // a technician forwarded/granted/finished/dismissed; Detail is the new state
	EventFloor         EventKind = "floor"          // floor granted (Detail "granted") or revoked ("revoked")
	EventSpeaker       EventKind = "speaker"        // the speaker video slot changed source
	EventIncident      EventKind = "incident"       // an operator's report from the site; Detail is its text
	EventCodecMismatch EventKind = "codec_mismatch" // BridgePoint cannot decode the codec of a video slot's source, so the slot stays empty; Detail "slot=main source=ID codec=video/H264 accepts=video/VP8"
	EventKnock         EventKind = "knock"          // a registered bridge point was refused at the door and waits to be admitted; Detail is the Refusal
	EventAdmitted      EventKind = "admitted"       // a technician admitted a bridge point from the door
	EventLock          EventKind = "lock"           // the conference was locked (Detail "true") or unlocked ("false")
	EventRollCall      EventKind = "roll_call"      // a technician asked every connected bridge point for its attendance
	EventAttendance    EventKind = "attendance"     // a bridge point's attendance was confirmed; Detail is the number of attendees, Actor "endpoint" or the technician
	EventConferenceEnd EventKind = "conference_end" //
)

// Event is one state change in a conference. Events are delivered to subscribers without ever
// blocking the media path: a slow subscriber loses events (and should re-read a Snapshot).
type Event struct {
	At          time.Time
	Conference  string
	Kind        EventKind
	BridgePoint string
	Actor       string // technician, or "endpoint" / "system"
	RequestID   int64
	Detail      string
}

// Quality is the link quality of one bridge point as seen by the MCU, refreshed every second.
type Quality struct {
	LossPct     float64 // inbound packet loss, percent, over the last interval
	JitterMs    float64 // inbound jitter (audio), milliseconds
	RTTMs       float64 // round-trip time from RTCP, milliseconds (0 when unknown)
	BitrateKbps float64 // inbound bitrate, all tracks
	OutKbps     float64 // outbound bitrate to this bridge point
	Width       int     // video resolution from the last VP8 keyframe or H.264 SPS (0 when unknown)
	Height      int
	FPS         float64 // inbound video frame rate, frames per second over the last interval
	VideoPaused bool    // the camera is on no slot, its endpoint was asked to pause it, and no frame came over the interval (Width/Height: before the pause)
	Grade       string  // GradeGood, GradeFair, GradePoor or GradeBad; "" when not connected
}

// Participant is a snapshot of one member of a conference.
type Participant struct {
	ID         string
	Name       string
	Main       bool
	Connected  bool
	JoinedAt   time.Time // zero when not connected
	Mute       MuteMode
	AudioLevel int // 0 (silence) … 100 (loud), from RFC 6464 levels, smoothed; 0 when muted or absent
	Speaking   bool
	Quality    Quality
	PacketsIn  uint64 // RTP packets received from this bridge point
	PacketsOut uint64 // RTP packets forwarded to this bridge point
	Floor      bool   // holds the floor (granted)
	Reconnects int
	LeftReason string // why its last session ended ("left": a WHIP DELETE; "disconnected": by a technician); "" when connected or never joined
	Attendees  int    // people in the room, confirmed at the roll call; -1 while not confirmed
	AttendedBy string // who confirmed Attendees: "endpoint" (the site) or the technician

	// Liveness is the link's, not the media's: a muted site with its camera paused sends no RTP
	// and is alive. The media counters tell a silent open microphone or a stopped camera apart.
	Link         Link      // the transport's liveness (liveness.go); zero when not connected
	Transport    string    // the session's Transport kind: "webrtc" (WHIP), "sip", …; "" when not connected
	HasMic       bool      // the session's offer sends a microphone
	HasCamera    bool      // the session's offer sends a camera
	AudioCodec   string    // the microphone's codec (MIME type, e.g. "audio/opus", a SIP terminal's "audio/G722") once it sends; "" before
	VideoCodec   string    // the camera's codec (e.g. "video/H264") once it sends; "" before (CodecReporter: as negotiated)
	AudioIn      uint64    // RTP packets received on its microphone in this session
	VideoIn      uint64    // RTP packets received on its camera in this session
	CameraPaused bool      // the MCU asked its endpoint to pause the camera (on no slot, pause.go)
	Call         CallState // the call the server places to it (a room system dialled out); zero when never dialled
}

// SpeakRequest is a pending request to speak.
type SpeakRequest struct {
	ID          int64
	BridgePoint string
	State       string // "waiting", "forwarded", "granted"
	RequestedAt time.Time
	ForwardedAt time.Time
}

// Snapshot is the whole visible state of a conference at one instant.
type Snapshot struct {
	ID           string
	MeetingID    int64
	Title        string
	Host         string
	Chair        string
	StartedAt    time.Time
	Participants []Participant // in member order: main first, then as listed
	Requests     []SpeakRequest
	MainSource   string // bridge point on the main video slot
	Speaker      string // bridge point on the speaker video slot
	AudioSources []string
	Expected     int
	Connected    int
	Recording    bool    // the speaker and audio slots are being recorded
	Locked       bool    // no bridge point that is not connected may join (Lock)
	Knocks       []Knock // bridge points refused at the door, waiting to be admitted
}

// Conference-control methods (implemented in conference.go and friends). Actor is the
// technician's identity as it goes into the audit log.
//
//   func New(cfg Config, j Journal, c Credentials, log *slog.Logger) (*MCU, error)
//   func (m *MCU) Open(ctx context.Context, spec ConferenceSpec) (*Conference, error)
//   func (m *MCU) Conference(id string) (*Conference, bool)
//   func (m *MCU) Conferences() []*Conference
//   func (m *MCU) Subscribe(buffer int) (events <-chan Event, cancel func())
//   func (m *MCU) Handler() http.Handler          // POST /whip/{id}, DELETE /whip/{id}/{session}, OPTIONS
//   func (m *MCU) Close() error
//
//   func (c *Conference) ID() string
//   func (c *Conference) Snapshot() Snapshot
//   func (c *Conference) Mute(ctx context.Context, actor, bridgePoint string, mode MuteMode) error
//   func (c *Conference) Unmute(ctx context.Context, actor, bridgePoint string) error
//   func (c *Conference) MuteAllFarEnds(ctx context.Context, actor string) (muted int, err error)
//   func (c *Conference) GrantFloor(ctx context.Context, actor, bridgePoint string) error
//   func (c *Conference) RevokeFloor(ctx context.Context, actor, bridgePoint string) error
//   func (c *Conference) ForwardRequest(ctx context.Context, actor string, requestID int64) error
//   func (c *Conference) DismissRequest(ctx context.Context, actor string, requestID int64) error
//   func (c *Conference) RaiseRequest(ctx context.Context, actor, bridgePoint string) (int64, error) // its operator, from the console
//   func (c *Conference) CancelRequest(ctx context.Context, actor, bridgePoint string) error
//   func (c *Conference) SelfUnmute(ctx context.Context, actor, bridgePoint string) error // soft mute only; ErrHardMuted
//   func (c *Conference) SelfMute(ctx context.Context, actor, bridgePoint string) error   // soft-mutes an open microphone only
//   func (c *Conference) Close(ctx context.Context, actor string) error
//   func (c *Conference) ForwardedAudio(bridgePoint string) uint64 // audio packets of this source forwarded to anyone, ever
//   func (c *Conference) KeepCameras(d time.Duration)              // no camera paused for the next d (test session)
//   func (c *Conference) KeepingCameras() bool
//   func (c *Conference) SetPreferH264(on bool)                      // WHIP answers choose H.264 from now on (videocodec.go)
//   func (c *Conference) PrefersH264() bool
//   func (c *Conference) Admit(ctx context.Context, actor, bridgePoint string) error // admission.go
//   func (c *Conference) Lock(ctx context.Context, actor string, locked bool) error
//   func (c *Conference) Disconnect(ctx context.Context, actor, bridgePoint, reason string) error
//   func (c *Conference) Knocks() []Knock
//   func (c *Conference) RollCall(ctx context.Context, actor string) (asked int, err error) // rollcall.go
//   func (c *Conference) ConfirmAttendance(ctx context.Context, actor, bridgePoint string, attendees int) error
