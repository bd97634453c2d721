// Package sip lets hardware room systems (SIP VCS terminals) take part in a meeting: an
// in-process SIP server (sipgo, UDP and TCP) admits a call to sip:<bridge-point-id>@host by
// digest (the bridge point's join secret) or by its registered address, negotiates the audio
// (SDP: Opus, G.722, PCMU, PCMA; RFC 4733 keypad events; SDES-SRTP when offered), and joins
// the call to the live conference of its site as a member: the terminal hears a mix of the
// open microphones minus its own in its codec, and its microphone enters the conference as
// Opus with a level, so it can take the speaker slot and be hard-muted at the forwarder.
//
// The calls of one conference share one mixing stage (confmix.go): each open microphone is
// decoded once, and the terminals that hear the same thing get the same frame, encoded once
// per codec; a terminal's voice is re-encoded to Opus only while it can be heard (uplink.go).
package sip
