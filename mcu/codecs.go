package mcu

import "cmp"

// CodecReporter is implemented by a Transport whose endpoint negotiated other codecs than the
// ones its media enters the MCU in (a SIP terminal's G.722 is transcoded to Opus): snapshots,
// the status API and /metrics then show what the endpoint negotiated.
type CodecReporter interface {
	// Codecs are the negotiated audio and video codecs as MIME types ("audio/G722",
	// "video/H264"); "" for one the transport leaves to the MCU (what its media enters in).
	Codecs() (audio, video string)
}

// SessionKind is what a connected session is, as /metrics counts sessions: its transport's kind
// and its codecs.
type SessionKind struct {
	Transport  string // "webrtc", "sip"
	AudioCodec string // e.g. "audio/opus", "audio/G722"; "" before the microphone sends
	VideoCodec string // e.g. "video/VP8", "video/H264"; "" before the camera sends
}

// kind is the session's transport and codecs: the negotiated ones when its transport reports
// them, else those its media enters the MCU in ("" before it sends).
func (s *session) kind() SessionKind {
	k := SessionKind{Transport: s.tr.Kind()}
	if a := s.audioIn.Load(); a != nil {
		k.AudioCodec = a.mime
	}
	if v := s.videoIn.Load(); v != nil {
		k.VideoCodec = v.mime
	}
	if r, ok := s.tr.(CodecReporter); ok {
		a, v := r.Codecs()
		k.AudioCodec, k.VideoCodec = cmp.Or(a, k.AudioCodec), cmp.Or(v, k.VideoCodec)
	}
	return k
}
