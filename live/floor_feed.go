package live

import (
	"diemcau/mcu"
)

// FloorFeed samples a conference for the meeting's outage tracker; it does not need a console.
type FloorFeed struct{ conf *mcu.Conference }

// NewFloorFeed returns the feed of conf; pass its Observations to OutageTracker.Run.
func NewFloorFeed(conf *mcu.Conference) FloorFeed { return FloorFeed{conf: conf} }

// Observations returns the meeting id and what the MCU sees of every member; ok is false once
// the conference is closed (a snapshot of a closing conference would look like a mass drop).
func (f FloorFeed) Observations() (meetingID int64, obs []Observation, ok bool) {
	snap := f.conf.Snapshot()
	if f.conf.Closed() {
		return snap.MeetingID, nil, false
	}
	obs = make([]Observation, 0, len(snap.Participants))
	for _, p := range snap.Participants {
		onSlot := p.ID == snap.MainSource || p.ID == snap.Speaker
		obs = append(obs, Observation{BridgePoint: p.ID, Connected: p.Connected,
			Left:     !p.Connected && mcu.DeliberateLeave(p.LeftReason),
			LinkDown: p.Connected && p.Link.Failed, LinkAt: p.Link.LastActivity,
			MicOpen: p.HasMic && p.Mute == mcu.Unmuted, AudioIn: p.AudioIn,
			CameraWanted: p.HasCamera && onSlot && !p.CameraPaused, VideoIn: p.VideoIn,
			LossPct: p.Quality.LossPct, JitterMs: p.Quality.JitterMs, RTTMs: p.Quality.RTTMs, Grade: p.Quality.Grade})
	}
	return snap.MeetingID, obs, true
}
