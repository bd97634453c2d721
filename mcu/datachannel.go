package mcu

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pion/webrtc/v4"
)

const (
	controlLabel      = "control" // label of the data channel the endpoint creates
	maxControlMessage = 4096      // larger endpoint messages are ignored
	maxIncidentText   = 1000      // runes kept of an incident report
)

// MuteMessage tells the endpoint its mute state.
type MuteMessage struct {
	Type  string   `json:"type"`
	Muted bool     `json:"muted"`
	Mode  MuteMode `json:"mode"`
}

// FloorMessage tells the endpoint whether it holds the floor.
type FloorMessage struct {
	Type    string `json:"type"`
	Granted bool   `json:"granted"`
}

// SlotsMessage names the bridge points on the receiver's slots ("" for an empty slot).
type SlotsMessage struct {
	Type    string            `json:"type"`
	Main    string            `json:"main"`
	Speaker string            `json:"speaker"`
	Audio   []string          `json:"audio"`
	Names   map[string]string `json:"names,omitempty"` // bridge point ID → display name, for those on a slot
}

// endpointMessage is what an endpoint may send.
type endpointMessage struct {
	Type      string `json:"type"`
	Text      string `json:"text,omitempty"`
	Attendees *int   `json:"attendees,omitempty"` // attendance: people in the room
}

func newMuteMessage(mode MuteMode) MuteMessage {
	return MuteMessage{Type: "mute", Muted: mode != Unmuted, Mode: mode}
}

// onDataChannel adopts the endpoint's control channel.
func (t *webrtcTransport) onDataChannel(dc *webrtc.DataChannel) {
	s := t.s
	if dc.Label() != controlLabel {
		s.log.Info("ignoring data channel", "label", dc.Label())
		return
	}
	dc.OnOpen(func() {
		t.dc.Store(dc)
		s.controlOpened()
	})
	dc.OnMessage(func(msg webrtc.DataChannelMessage) { s.handleControl(msg.Data) })
}

// Send implements Transport: one JSON message on the control channel when it is open.
func (t *webrtcTransport) Send(msg ControlMessage) bool {
	dc := t.dc.Load()
	if dc == nil || dc.ReadyState() != webrtc.DataChannelStateOpen {
		return false
	}
	b, err := json.Marshal(msg)
	if err != nil {
		t.s.log.Error("encode control message", "err", err)
		return false
	}
	if err := dc.SendText(string(b)); err != nil {
		t.s.log.Debug("send control message", "err", err)
		return false
	}
	return true
}

// Flush implements Transport: it waits, at most wait, until the control channel has handed its
// queued messages to the link.
func (t *webrtcTransport) Flush(wait time.Duration) {
	dc := t.dc.Load()
	deadline := time.Now().Add(wait)
	for dc != nil && dc.BufferedAmount() > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(min(50*time.Millisecond, time.Until(deadline)))
}

// controlOpened brings an endpoint whose control channel just opened up to date: its mute
// state, the floor, a roll call it was not asked yet, and its slots.
func (s *session) controlOpened() {
	s.send(newMuteMessage(s.m.muteMode()))
	s.conf.mu.Lock()
	floor := s.m.floor
	s.conf.mu.Unlock()
	if floor {
		s.send(FloorMessage{Type: "floor", Granted: true})
	}
	if s.conf.askedRollCall(s.m) {
		s.send(RollCallMessage{Type: "roll_call"})
	}
	s.slotsMu.Lock()
	msg, ok := s.lastSlots, s.slotsSent
	s.slotsMu.Unlock()
	if ok {
		s.send(msg)
	}
}

// send hands one control message to the session's transport and reports whether it went out.
func (s *session) send(msg ControlMessage) bool {
	if s.tr == nil { // a session built by a test, without a transport
		return false
	}
	return s.tr.Send(msg)
}

// sendSlots sends msg when it differs from what the endpoint last got.
func (s *session) sendSlots(msg SlotsMessage) {
	s.slotsMu.Lock()
	same := s.slotsSent && sameSlots(s.lastSlots, msg)
	if !same {
		s.lastSlots, s.slotsSent = msg, true
	}
	s.slotsMu.Unlock()
	if !same {
		s.send(msg)
	}
}

func sameSlots(a, b SlotsMessage) bool {
	if a.Main != b.Main || a.Speaker != b.Speaker || len(a.Audio) != len(b.Audio) {
		return false
	}
	for i := range a.Audio {
		if a.Audio[i] != b.Audio[i] {
			return false
		}
	}
	return true
}

// handleControl acts on one endpoint message; bad input is ignored and logged once per session.
func (s *session) handleControl(data []byte) {
	if len(data) > maxControlMessage {
		s.warnOnce(&s.warnedMalformed, "control message too large", len(data))
		return
	}
	var msg endpointMessage
	if err := json.Unmarshal(data, &msg); err != nil {
		s.warnOnce(&s.warnedMalformed, "malformed control message", len(data))
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), journalTimeout)
	defer cancel()
	c := s.conf
	var err error
	switch msg.Type {
	case "speak_request":
		err = c.endpointSpeakRequest(ctx, s.m)
	case "speak_cancel":
		err = c.endpointSpeakCancel(ctx, s.m)
	case "unmute":
		err = c.endpointUnmute(ctx, s)
	case "incident":
		err = c.endpointIncident(ctx, s.m, cleanIncident(msg.Text))
	case "attendance":
		err = c.endpointAttendance(ctx, s.m, msg.Attendees)
	default:
		s.warnOnce(&s.warnedUnknown, "unknown control message type", len(data))
		return
	}
	if err != nil {
		s.log.Error("control message", "type", msg.Type, "err", err)
	}
}

// warnOnce logs a problem with the endpoint's messages the first time it happens in the session.
func (s *session) warnOnce(flag interface{ CompareAndSwap(bool, bool) bool }, what string, size int) {
	if flag.CompareAndSwap(false, true) {
		s.log.Warn(what, "size", size)
	}
}

// cleanIncident trims an operator's report to a bounded, valid text.
func cleanIncident(text string) string {
	text = strings.TrimSpace(strings.ToValidUTF8(text, ""))
	if utf8.RuneCountInString(text) > maxIncidentText {
		text = string([]rune(text)[:maxIncidentText])
	}
	return text
}
