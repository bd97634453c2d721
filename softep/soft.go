package softep

import (
	"log/slog"
	"math"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/rtp"
)

// Config says where a soft endpoint joins and what it sends.
type Config struct {
	URL        string // base URL of the MCU's HTTP server, e.g. http://127.0.0.1:8080
	ID         string // bridge point id
	Token      string // join secret (bearer); never logged
	Clips      *Clips // shared media clips
	Receive    bool   // offer receive slots (3 audio + 2 video); false publishes only
	IgnoreMute bool   // misbehaving endpoint for tests: keeps sending audio when told to mute
	// CountOnly makes a cheap receiver for load tests: the media the MCU sends are counted from
	// their RTP headers at the socket (sequence gaps, CSRC) and neither authenticated, decrypted
	// nor reported back (no receiver reports or NACKs for them); the endpoint does not answer
	// NACKs either, and does not offer RFC 9335 header encryption. Needs Receive.
	CountOnly bool
	Attendees int // answered to the MCU's roll call (điểm danh); 0 leaves it to the technician
	// VideoCodec is "" (offer VP8 and H.264, send what the answer chose: H.264 when the
	// conference prefers it), "vp8" or "h264" (offer and send that one only).
	VideoCodec string
	// OnVideo, when set, is given every video RTP packet received and its slot (the MCU's
	// track id: "main", "speaker"), from the slot's reader goroutine; pkt is not kept after the
	// call. For tests that look into the stream.
	OnVideo func(slot string, pkt *rtp.Packet)
	Log     *slog.Logger
}

// Endpoint is a headless bridge point: it joins the MCU over WHIP with real WebRTC, sends the
// shared clips as its microphone and camera, counts what it receives and obeys the control channel.
type Endpoint struct {
	cfg  Config
	log  *slog.Logger
	http *http.Client

	talking   atomic.Bool
	lossBits  atomic.Uint64 // math.Float64bits of the loss percentage
	muted     atomic.Bool
	floor     atomic.Bool
	connected atomic.Bool
	cut       atomic.Bool // Cut: every datagram dropped both ways
	audioSSRC atomic.Uint32
	videoSSRC atomic.Uint32

	recv receiveCounters
	door door

	sockMu sync.Mutex
	socks  []*countingConn // media sockets of a count-only endpoint

	mu        sync.Mutex
	sess      *softSession // the live link, nil when away
	muteMode  string
	slots     map[string]string
	awayUntil time.Time // set by Drop: Run does not rejoin before
}

// New returns an endpoint that is not yet joined.
func New(cfg Config) *Endpoint {
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	return &Endpoint{
		cfg:  cfg,
		log:  log.With("bridge_point", cfg.ID),
		http: &http.Client{Timeout: 15 * time.Second},
		recv: receiveCounters{bySource: make(map[uint32]*SourceCount)},
	}
}

// ID returns the bridge point id the endpoint joins as.
func (e *Endpoint) ID() string { return e.cfg.ID }

// SetTalking switches the microphone between the speech clip (true) and room tone (false).
func (e *Endpoint) SetTalking(on bool) { e.talking.Store(on) }

// Talking reports whether the endpoint sends the speech clip.
func (e *Endpoint) Talking() bool { return e.talking.Load() }

// SetLoss drops pct percent (0…100) of the outgoing RTP packets, audio and video.
func (e *Endpoint) SetLoss(pct float64) {
	e.lossBits.Store(math.Float64bits(math.Max(0, math.Min(100, pct))))
}

// loss returns the current outgoing loss percentage.
func (e *Endpoint) loss() float64 { return math.Float64frombits(e.lossBits.Load()) }

// Muted returns the mute state as last told by the MCU.
func (e *Endpoint) Muted() (muted bool, mode string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.muted.Load(), e.muteMode
}

// Floor reports whether the MCU last said this endpoint holds the floor.
func (e *Endpoint) Floor() bool { return e.floor.Load() }

// Connected reports whether the link is up (ICE+DTLS connected, control channel open).
func (e *Endpoint) Connected() bool { return e.connected.Load() }

// SSRCs returns the SSRCs of this endpoint's outgoing audio and video (0 before the first join).
func (e *Endpoint) SSRCs() (audio, video uint32) {
	return e.audioSSRC.Load(), e.videoSSRC.Load()
}

// session returns the live link, or nil.
func (e *Endpoint) session() *softSession {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.sess
}
