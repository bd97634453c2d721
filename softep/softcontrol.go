package softep

import (
	"encoding/json"
	"fmt"
)

// controlMessage is one JSON object on the control channel, in either direction.
type controlMessage struct {
	Type    string   `json:"type"`
	Muted   *bool    `json:"muted,omitempty"`   // mute
	Mode    string   `json:"mode,omitempty"`    // mute: "soft" or "hard"
	Granted *bool    `json:"granted,omitempty"` // floor
	State   string   `json:"state,omitempty"`   // floor, alternative form: "granted" / "revoked"
	Main    string   `json:"main,omitempty"`    // slots
	Speaker string   `json:"speaker,omitempty"` // slots
	Audio   []string `json:"audio,omitempty"`   // slots
	Text    string   `json:"text,omitempty"`    // incident
	Send    *bool    `json:"send,omitempty"`    // video: false pauses the camera, true resumes it
	Reason  string   `json:"reason,omitempty"`  // disconnected: why
	// Attendees answers a roll_call: people in the room (attendance).
	Attendees *int `json:"attendees,omitempty"`
}

// handleControl applies one message from the MCU on session s.
func (e *Endpoint) handleControl(s *softSession, data []byte) {
	var msg controlMessage
	if err := json.Unmarshal(data, &msg); err != nil {
		e.log.Warn("bad control message", "err", err)
		return
	}
	switch msg.Type {
	case "mute":
		muted := msg.Muted != nil && *msg.Muted
		e.mu.Lock()
		e.muted.Store(muted)
		e.muteMode = ""
		if muted {
			e.muteMode = msg.Mode
		}
		e.mu.Unlock()
		e.log.Debug("mute from mcu", "muted", muted, "mode", msg.Mode)
	case "floor":
		granted := (msg.Granted != nil && *msg.Granted) || msg.State == "granted"
		e.floor.Store(granted)
		e.log.Debug("floor from mcu", "granted", granted)
	case "slots":
		slots := map[string]string{"main": msg.Main, "speaker": msg.Speaker}
		for i, id := range msg.Audio {
			slots[fmt.Sprintf("audio%d", i+1)] = id
		}
		e.mu.Lock()
		e.slots = slots
		e.mu.Unlock()
	case "video":
		if msg.Send == nil {
			e.log.Debug("video message without send")
			return
		}
		if !*msg.Send && s.paused.CompareAndSwap(false, true) {
			e.log.Debug("camera paused by the mcu")
		} else if *msg.Send && s.paused.CompareAndSwap(true, false) {
			s.keyframe.Store(true) // the MCU's decoders start again from a keyframe
			e.log.Debug("camera resumed by the mcu")
		}
	case "roll_call":
		e.onRollCall()
	case "disconnected":
		e.onDisconnected(s, msg.Reason)
	case "meeting_ended":
		e.onMeetingEnded(s)
	default:
		e.log.Debug("unknown control message", "type", msg.Type)
	}
}

// RequestSpeak asks the control center for the floor.
func (e *Endpoint) RequestSpeak() error {
	return e.sendControl(controlMessage{Type: "speak_request"})
}

// CancelSpeak withdraws this endpoint's speak request.
func (e *Endpoint) CancelSpeak() error {
	return e.sendControl(controlMessage{Type: "speak_cancel"})
}

// RequestUnmute asks the MCU to lift a soft mute (the site operator's own unmute).
func (e *Endpoint) RequestUnmute() error { return e.sendControl(controlMessage{Type: "unmute"}) }

// ReportIncident sends an operator's incident report from the site.
func (e *Endpoint) ReportIncident(text string) error {
	return e.sendControl(controlMessage{Type: "incident", Text: text})
}

// sendControl sends one message on the live link's control channel.
func (e *Endpoint) sendControl(msg controlMessage) error {
	s := e.session()
	if s == nil {
		return fmt.Errorf("%s %s: %w", msg.Type, e.cfg.ID, errNotConnected)
	}
	b, err := json.Marshal(msg)
	if err != nil {
		return fmt.Errorf("%s %s: %w", msg.Type, e.cfg.ID, err)
	}
	if err := s.control.SendText(string(b)); err != nil {
		return fmt.Errorf("%s %s: %w", msg.Type, e.cfg.ID, err)
	}
	return nil
}
