package softep

import (
	"errors"
	"io"
	"math/rand/v2"
	"time"

	"github.com/pion/rtcp"
	"github.com/pion/rtp"
	"github.com/pion/webrtc/v4"
)

// The video RTP clock and the keyframe-request rate limit.
const (
	videoClock       = 90000
	keyframeInterval = 500 * time.Millisecond
)

// startMedia records the outgoing SSRCs and starts the microphone, camera and RTCP readers.
func (e *Endpoint) startMedia(s *softSession) {
	if enc := s.audioSender.GetParameters().Encodings; len(enc) > 0 {
		e.audioSSRC.Store(uint32(enc[0].SSRC))
	}
	if enc := s.videoSender.GetParameters().Encodings; len(enc) > 0 {
		e.videoSSRC.Store(uint32(enc[0].SSRC))
	}
	go e.sendAudio(s, negotiatedAudioLevelID(s.audioSender))
	go e.sendVideo(s)
	go drainRTCP(s.audioSender, nil)
	go drainRTCP(s.videoSender, s)
}

// microphone walks the speech and room-tone clips, each from a random point, looping.
type microphone struct {
	clips      *Clips
	speech     int
	room       int
	wasSilent  bool // the next packet starts a talkspurt (RTP marker)
	levelBytes [1]byte
}

// next returns the next Opus packet and its level from the clip chosen by talking.
func (m *microphone) next(talking bool) ([]byte, uint8) {
	clip, pos := &m.clips.RoomTone, &m.room
	if talking {
		clip, pos = &m.clips.Speech, &m.speech
	}
	i := *pos % len(clip.Packets)
	*pos = i + 1
	return clip.Packets[i], clip.Levels[i]
}

// sendAudio paces one Opus packet every 20 ms with its audio level, sending nothing while muted.
func (e *Endpoint) sendAudio(s *softSession, levelID uint8) {
	mic := &microphone{
		clips:     e.cfg.Clips,
		speech:    rand.IntN(len(e.cfg.Clips.Speech.Packets)),
		room:      rand.IntN(len(e.cfg.Clips.RoomTone.Packets)),
		wasSilent: true,
	}
	pkt := &rtp.Packet{Header: rtp.Header{
		Version:        2,
		PayloadType:    opusPayloadType,
		SequenceNumber: uint16(rand.Uint32()),
		Timestamp:      rand.Uint32(),
	}}
	ticker := time.NewTicker(AudioFrame)
	defer ticker.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-ticker.C:
		}
		pkt.Timestamp += opusFrameSamples // the clock runs on while muted
		if e.muted.Load() && !e.cfg.IgnoreMute {
			mic.wasSilent = true
			continue
		}
		payload, level := mic.next(e.talking.Load())
		pkt.SequenceNumber++
		pkt.Marker = mic.wasSilent
		mic.wasSilent = false
		pkt.Payload = payload
		if levelID != 0 {
			ext := rtp.AudioLevelExtension{Level: level, Voice: level < 50}
			if _, err := ext.MarshalTo(mic.levelBytes[:]); err == nil {
				_ = pkt.Header.SetExtension(levelID, mic.levelBytes[:])
			}
		}
		if err := s.audioTrack.WriteRTP(pkt); errors.Is(err, io.ErrClosedPipe) {
			return
		}
	}
}

// sendVideo paces the camera clip of the negotiated codec at its frame rate from a random
// keyframe, looping, and jumps to the next keyframe when the MCU asks for one. The frames go out
// as the shared, once-cut RTP payloads of the clip (rtpPayloads): no packetizing or allocation
// per frame.
func (e *Endpoint) sendVideo(s *softSession) {
	clip := e.cameraClip(s.videoMime)
	frames := clip.rtpPayloads()
	rate := clip.Rate
	if rate <= 0 {
		rate = 30
	}
	pos := clip.nextKeyframe(rand.IntN(len(clip.Frames)))
	pkt := &rtp.Packet{Header: rtp.Header{
		Version:        2,
		PayloadType:    vp8PayloadType,
		SequenceNumber: uint16(rand.Uint32()),
		Timestamp:      rand.Uint32(),
	}}
	ticker := time.NewTicker(time.Second / time.Duration(rate))
	defer ticker.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-ticker.C:
		}
		pkt.Timestamp += uint32(videoClock / rate) // the clock runs on while paused, as a camera's does
		if s.paused.Load() {
			continue
		}
		if s.keyframe.Swap(false) && !clip.isKeyframe(pos) {
			pos = clip.nextKeyframe(pos)
		}
		if err := e.writeFrame(s, pkt, frames[pos]); errors.Is(err, io.ErrClosedPipe) {
			return
		}
		pos = (pos + 1) % len(clip.Frames)
	}
}

// writeFrame sends the RTP payloads of one frame, the last with the marker bit; a count-only
// endpoint sends them in one sendmmsg.
func (e *Endpoint) writeFrame(s *softSession, pkt *rtp.Packet, payloads [][]byte) error {
	release := e.holdSockets()
	defer release()
	for i, payload := range payloads {
		pkt.SequenceNumber++
		pkt.Marker = i == len(payloads)-1
		pkt.Payload = payload
		if err := s.videoTrack.WriteRTP(pkt); errors.Is(err, io.ErrClosedPipe) {
			return err
		}
	}
	return nil
}

// drainRTCP reads a sender's RTCP (the interceptors need it read); with s set, PLI and FIR
// raise a keyframe request at most once per keyframeInterval.
func drainRTCP(sender *webrtc.RTPSender, s *softSession) {
	var last time.Time
	for {
		packets, _, err := sender.ReadRTCP()
		if err != nil {
			return
		}
		if s == nil {
			continue
		}
		for _, p := range packets {
			switch p.(type) {
			case *rtcp.PictureLossIndication, *rtcp.FullIntraRequest:
				if time.Since(last) >= keyframeInterval {
					last = time.Now()
					s.keyframe.Store(true)
				}
			}
		}
	}
}
