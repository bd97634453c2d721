package mcu

import "time"

// pauseAfter is how long a camera stays on no slot before its endpoint is asked to stop sending
// it. Each receiver sees two cameras, so in a meeting of 160 bridge points 158 cameras would
// cross the whole receive path (SRTP, interceptors, four goroutine hand-offs) only to be
// dropped; asking their endpoints to pause them is the SFU's "last-N". The delay keeps a
// camera that leaves a slot for a moment (a speaker who pauses) flowing.
const pauseAfter = 3 * time.Second

// VideoMessage asks the endpoint to pause (send false) or resume (send true) its camera.
type VideoMessage struct {
	Type string `json:"type"`
	Send bool   `json:"send"`
}

// cameraPace is the pause state of one camera; used only by the conference's run goroutine.
type cameraPace struct {
	paused    bool      // the endpoint was told to stop sending it
	idleSince time.Time // since when it is on no slot; zero while it is on one
}

// paceCamera pauses src (a camera) when it has been on no slot for pauseAfter, and resumes it
// at once when a slot (or a likely next speaker) needs it. A camera is paused only when its
// endpoint also sends audio, so the link's liveness and quality stay measured while it is off,
// and only through an open control channel: an endpoint without one (a WHIP encoder) keeps
// sending and is forwarded as before.
func (src *source) paceCamera(wanted bool, now time.Time) {
	p := &src.pace
	if wanted {
		p.idleSince = time.Time{}
		if p.paused && src.sess.send(VideoMessage{Type: "video", Send: true}) {
			p.paused = false
			src.pliAt.Store(0) // the first packets back get a keyframe request of their own
			src.paused.Store(false)
		}
		return
	}
	if p.paused {
		return
	}
	if p.idleSince.IsZero() {
		p.idleSince = now
		return
	}
	if now.Sub(p.idleSince) < pauseAfter || src.sess.audioIn.Load() == nil {
		return
	}
	if src.sess.send(VideoMessage{Type: "video", Send: false}) {
		p.paused = true
		src.paused.Store(true)
		src.sess.log.Debug("camera paused: on no slot", "ssrc", src.ssrc)
	}
}

// KeepCameras asks that no camera of the conference be paused, and paused ones resumed, for
// the next d: a test session (Article 10) measures every site's picture and bitrate, which a
// paused camera would fail. The console renews it while its test-session view is open, so it
// ends by itself when the view (or the session) goes.
func (c *Conference) KeepCameras(d time.Duration) {
	c.keepCameras.Store(time.Now().Add(d).UnixNano())
}

// KeepingCameras reports whether a KeepCameras lease is running.
func (c *Conference) KeepingCameras() bool { return time.Now().UnixNano() < c.keepCameras.Load() }
