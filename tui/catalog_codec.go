package tui

// The strings of codec notices: a bridge point that cannot decode a video slot's source. They
// join the catalogue at init, in their own file so that parallel edits of catalog.go do not collide.

// codecKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type codecKey int

func (codecKey) tuiText() {}

const (
	txtEvCodecMismatch codecKey = iota
	txtSlotMain
	txtSlotSpeaker
)

func init() { addTexts(codecTextVI, codecTextEN) }

// codecTextVI is the Vietnamese table of the codec notices.
var codecTextVI = map[codecKey]string{
	txtEvCodecMismatch: "%s không giải mã được hình của %s (%s) ở khung %s: khung này để trống",
	txtSlotMain:        "chính",
	txtSlotSpeaker:     "người nói",
}

// codecTextEN is the English table of the codec notices.
var codecTextEN = map[codecKey]string{
	txtEvCodecMismatch: "%s cannot decode the picture of %s (%s) in the %s slot: that slot stays empty",
	txtSlotMain:        "main",
	txtSlotSpeaker:     "speaker",
}
