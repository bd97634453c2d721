// Package mcu is the media plane and conference control: conferences, participants, the
// forwarder, audio levels and speaker selection, mute, quality stats and the WHIP handlers.
package mcu
