package tui

// The strings of codec notices: a bridge point that cannot decode a video slot's source. They
// join the catalogue at init, in their own file so that parallel edits of catalog.go do not collide.

const (
	txtEvCodecMismatch textKey = iota + 7000
	txtSlotMain
	txtSlotSpeaker
)

func init() { addTexts(codecTextVI, codecTextEN) }

// codecTextVI is the Vietnamese table of the codec notices.
var codecTextVI = map[textKey]string{
	txtEvCodecMismatch: "%s không giải mã được hình của %s (%s) ở khung %s: khung này để trống",
	txtSlotMain:        "chính",
	txtSlotSpeaker:     "người nói",
}

// codecTextEN is the English table of the codec notices.
var codecTextEN = map[textKey]string{
	txtEvCodecMismatch: "%s cannot decode the picture of %s (%s) in the %s slot: that slot stays empty",
	txtSlotMain:        "main",
	txtSlotSpeaker:     "speaker",
}
