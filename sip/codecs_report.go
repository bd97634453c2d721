package sip

import "diemcau/mcu"

var _ mcu.CodecReporter = (*callTransport)(nil)

// Codecs implements mcu.CodecReporter: what the terminal negotiated ("audio/G722",
// "audio/PCMU", "audio/PCMA", "audio/opus"; "video/H264" with video), not the Opus its voice
// enters the conference in.
func (t *callTransport) Codecs() (audio, video string) {
	audio = "audio/" + t.c.offer.codec.name
	if t.c.offer.codec.name == "OPUS" {
		audio = "audio/opus" // as WebRTC sites show it
	}
	if t.c.video != nil {
		video = "video/H264"
	}
	return audio, video
}
