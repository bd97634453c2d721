package sip

import "errors"

// ErrNoMeeting is a bridge point that is in no live meeting: its call is answered 480.
var ErrNoMeeting = errors.New("the bridge point is in no live meeting")

// Rooms seats admitted calls in conferences. MCURooms (attach.go) is the MCU's.
type Rooms interface {
	seat(c *call) (seat, error)
}
