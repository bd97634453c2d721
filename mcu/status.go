package mcu

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"time"
)

// statusReply is the body of GET /api/v1/status.
type statusReply struct {
	At          time.Time          `json:"at"`
	Conferences []conferenceStatus `json:"conferences"`
}

// conferenceStatus is one live conference in the status reply.
type conferenceStatus struct {
	ID            string              `json:"id"`
	MeetingID     int64               `json:"meeting_id"`
	Title         string              `json:"title"`
	Host          string              `json:"host"`
	Chair         string              `json:"chair"`
	StartedAt     time.Time           `json:"started_at"`
	Expected      int                 `json:"expected"`
	Connected     int                 `json:"connected"`
	MainSource    string              `json:"main_source"`
	Speaker       string              `json:"speaker"`
	AudioSources  []string            `json:"audio_sources"`
	BridgePoints  []bridgePointStatus `json:"bridge_points"`
	SpeakRequests []speakRequestJSON  `json:"speak_requests"`
	OpenIncidents []incidentJSON      `json:"open_incidents"` // status_incidents.go
	Locked        bool                `json:"locked"`
	Knocks        []knockJSON         `json:"knocks"` // bridge points asking to join
}

// knockJSON is a bridge point refused at the door, in the status reply.
type knockJSON struct {
	BridgePoint string    `json:"bridge_point"`
	Name        string    `json:"name"`
	Reason      Refusal   `json:"reason"`
	At          time.Time `json:"at"`
}

// bridgePointStatus is one participant in the status reply.
type bridgePointStatus struct {
	ID          string     `json:"id"`
	MeetingID   int64      `json:"meeting_id"` // the live meeting it is in (a bridge point is in at most one)
	Name        string     `json:"name"`
	Main        bool       `json:"main"`
	Connected   bool       `json:"connected"`
	JoinedAt    *time.Time `json:"joined_at,omitempty"`
	Muted       bool       `json:"muted"`
	MuteMode    string     `json:"mute_mode"` // "none", "soft" or "hard"
	AudioLevel  int        `json:"audio_level"`
	Speaking    bool       `json:"speaking"`
	Floor       bool       `json:"floor"`
	LossPct     float64    `json:"loss_pct"`
	JitterMs    float64    `json:"jitter_ms"`
	RTTMs       float64    `json:"rtt_ms"`
	BitrateKbps float64    `json:"bitrate_kbps"`
	OutKbps     float64    `json:"out_kbps"`
	Width       int        `json:"width"`
	Height      int        `json:"height"`
	FPS         float64    `json:"fps"`
	VideoPaused bool       `json:"video_paused"`
	Grade       string     `json:"grade"`
	PacketsIn   uint64     `json:"packets_in"`
	PacketsOut  uint64     `json:"packets_out"`
	Reconnects  int        `json:"reconnects"`
	// What the site is: its transport ("webrtc", "sip") and negotiated codecs; "" when not connected.
	Transport  string `json:"transport"`
	AudioCodec string `json:"audio_codec"`
	VideoCodec string `json:"video_codec"`
	// The link's liveness, apart from media (a muted site with a paused camera is alive).
	LinkAlive    bool       `json:"link_alive"`
	LinkActivity *time.Time `json:"link_activity,omitempty"` // last arrival of anything on the link
	ICEState     string     `json:"ice_state,omitempty"`
	Attendees    *int       `json:"attendees"`      // confirmed at the roll call; null while not
	Call         *callJSON  `json:"call,omitempty"` // a dialled room system's call state (callstate.go)
}

// speakRequestJSON is one queued speak request in the status reply.
type speakRequestJSON struct {
	ID          int64      `json:"id"`
	BridgePoint string     `json:"bridge_point"`
	State       string     `json:"state"`
	RequestedAt time.Time  `json:"requested_at"`
	ForwardedAt *time.Time `json:"forwarded_at,omitempty"`
}

// apiError is the body of every error of the /api/v1 routes.
type apiError struct {
	Error string `json:"error"`
}

// StatusHandler serves GET /api/v1/status to clients presenting token as a bearer token. An
// empty token disables the API (503); a wrong or missing one gets 401.
func (m *MCU) StatusHandler(token string) http.Handler { return m.statusHandler(token, nil) }

// statusHandler serves the status, with the open incidents read from inc when it is not nil.
func (m *MCU) statusHandler(token string, inc IncidentLister) http.Handler {
	want := sha256.Sum256([]byte(token))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/status", func(w http.ResponseWriter, r *http.Request) {
		if token == "" {
			m.failJSON(w, http.StatusServiceUnavailable, txtAPIDisabled)
			return
		}
		got := sha256.Sum256([]byte(Bearer(r)))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="diemcau-api"`)
			m.failJSON(w, http.StatusUnauthorized, txtAPIUnauthorized)
			return
		}
		reply := m.status()
		if err := addOpenIncidents(r.Context(), &reply, inc); err != nil {
			m.log.Error("status API: read open incidents", "err", err)
			m.failJSON(w, http.StatusInternalServerError, txtInternal)
			return
		}
		writeJSON(w, http.StatusOK, reply)
	})
	return mux
}

// status builds the reply from a snapshot of every live conference.
func (m *MCU) status() statusReply {
	reply := statusReply{At: time.Now(), Conferences: []conferenceStatus{}}
	for _, c := range m.Conferences() {
		reply.Conferences = append(reply.Conferences, conferenceStatusOf(c.Snapshot()))
	}
	return reply
}

func conferenceStatusOf(s Snapshot) conferenceStatus {
	cs := conferenceStatus{ID: s.ID, MeetingID: s.MeetingID, Title: s.Title, Host: s.Host, Chair: s.Chair,
		StartedAt: s.StartedAt, Expected: s.Expected, Connected: s.Connected, MainSource: s.MainSource,
		Speaker: s.Speaker, AudioSources: s.AudioSources,
		BridgePoints:  make([]bridgePointStatus, 0, len(s.Participants)),
		SpeakRequests: make([]speakRequestJSON, 0, len(s.Requests)), Locked: s.Locked,
		Knocks: make([]knockJSON, 0, len(s.Knocks))}
	for _, k := range s.Knocks {
		cs.Knocks = append(cs.Knocks, knockJSON{BridgePoint: k.BridgePoint, Name: k.Name, Reason: k.Reason, At: k.At})
	}
	if cs.AudioSources == nil {
		cs.AudioSources = []string{}
	}
	for _, p := range s.Participants {
		bs := bridgePointStatusOf(p)
		bs.MeetingID = s.MeetingID
		cs.BridgePoints = append(cs.BridgePoints, bs)
	}
	for _, r := range s.Requests {
		sr := speakRequestJSON{ID: r.ID, BridgePoint: r.BridgePoint, State: r.State, RequestedAt: r.RequestedAt}
		if !r.ForwardedAt.IsZero() {
			at := r.ForwardedAt
			sr.ForwardedAt = &at
		}
		cs.SpeakRequests = append(cs.SpeakRequests, sr)
	}
	return cs
}

func bridgePointStatusOf(p Participant) bridgePointStatus {
	q := p.Quality
	bs := bridgePointStatus{ID: p.ID, Name: p.Name, Main: p.Main, Connected: p.Connected,
		Muted: p.Mute != Unmuted, MuteMode: string(p.Mute), AudioLevel: p.AudioLevel, Speaking: p.Speaking,
		Floor: p.Floor, LossPct: q.LossPct, JitterMs: q.JitterMs, RTTMs: q.RTTMs, BitrateKbps: q.BitrateKbps,
		OutKbps: q.OutKbps, Width: q.Width, Height: q.Height, FPS: q.FPS, VideoPaused: q.VideoPaused, Grade: q.Grade,
		PacketsIn: p.PacketsIn, PacketsOut: p.PacketsOut, Reconnects: p.Reconnects, Call: callStatusOf(p.Call)}
	if p.Mute == Unmuted {
		bs.MuteMode = "none"
	}
	if p.Attendees >= 0 {
		n := p.Attendees
		bs.Attendees = &n
	}
	if !p.JoinedAt.IsZero() {
		at := p.JoinedAt
		bs.JoinedAt = &at
	}
	if p.Connected {
		bs.Transport, bs.AudioCodec, bs.VideoCodec = p.Transport, p.AudioCodec, p.VideoCodec
		bs.LinkAlive, bs.ICEState = p.Link.Alive, p.Link.ICE
		if !p.Link.LastActivity.IsZero() {
			at := p.Link.LastActivity
			bs.LinkActivity = &at
		}
	}
	return bs
}

// failJSON writes an API error in the MCU's language.
func (m *MCU) failJSON(w http.ResponseWriter, status int, key textKey) {
	writeJSON(w, status, apiError{Error: text(m.cfg.Lang, key)})
}

// writeJSON writes v as the JSON body of a response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}
