package mcu

import "time"

// Snapshot returns the visible state of the conference; cheap and safe to call concurrently.
func (c *Conference) Snapshot() Snapshot {
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	snap := Snapshot{ID: c.spec.ID, MeetingID: c.spec.MeetingID, Title: c.spec.Title, Host: c.spec.Host,
		Chair: c.spec.Chair, StartedAt: c.startedAt, Expected: len(c.members),
		Participants: make([]Participant, 0, len(c.members)),
		Requests:     make([]SpeakRequest, 0, len(c.requests)),
		MainSource:   c.sel.mainID, Speaker: c.sel.speakerID,
		AudioSources: append([]string(nil), c.sel.audioIDs...), Recording: c.rec != nil,
		Locked: c.door.locked, Knocks: c.knocksLocked()}
	for _, m := range c.members {
		p := Participant{ID: m.info.ID, Name: m.info.Name, Main: m.info.Main, Mute: m.muteMode(),
			Quality: m.quality, PacketsIn: m.packetsIn.Load(), PacketsOut: m.packetsOut.Load(),
			Floor: m.floor, Reconnects: m.reconnects, Attendees: m.attendees, AttendedBy: m.attendedBy}
		p.Call = m.call
		if s := m.sess; s != nil && s.connected {
			p.Connected, p.JoinedAt = true, s.joinedAt
			p.AudioLevel = m.audibleLevel()
			p.Speaking = p.Mute == Unmuted && m.speaking(now)
			s.mediaOf(&p, now)
			snap.Connected++
		} else {
			p.Quality = Quality{}
			p.LeftReason = m.leftReason
		}
		snap.Participants = append(snap.Participants, p)
	}
	for _, r := range c.requests {
		snap.Requests = append(snap.Requests, *r)
	}
	return snap
}

// ForwardedAudio returns how many audio packets of bridgePoint were forwarded to anyone, ever.
func (c *Conference) ForwardedAudio(bridgePoint string) uint64 {
	m, ok := c.lookup(bridgePoint)
	if !ok {
		return 0
	}
	return m.forwardedAudio.Load()
}

// mediaOf fills p's link and media counters from s (c.mu held).
func (s *session) mediaOf(p *Participant, now time.Time) {
	p.Link = s.tr.Link(now)
	k := s.kind()
	p.Transport, p.AudioCodec, p.VideoCodec = k.Transport, k.AudioCodec, k.VideoCodec
	p.HasMic, p.HasCamera = s.hasMic, s.hasCamera
	if a := s.audioIn.Load(); a != nil {
		_, p.AudioIn = a.recv.counts()
	}
	if v := s.videoIn.Load(); v != nil {
		_, p.VideoIn = v.recv.counts()
		p.CameraPaused = v.paused.Load()
	}
}
