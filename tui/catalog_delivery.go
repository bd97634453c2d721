package tui

import "diemcau/store"

// deliveryKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type deliveryKey int

func (deliveryKey) tuiText() {}

// What a recording's delivery did to the booking of its meeting, for the status line.
const (
	txtDelivBookingStep deliveryKey = iota
	txtDelivBookingBlocked
	txtDelivRemaining
)

func init() { addTexts(deliveryTextVI, deliveryTextEN) }

// deliveryTextVI is the Vietnamese table of the delivery's booking strings.
var deliveryTextVI = map[deliveryKey]string{
	txtDelivBookingStep:    "Đã giao bản ghi #%d — đăng ký #%d đã giao đủ bản ghi",
	txtDelivBookingBlocked: "Đã giao bản ghi #%d — đăng ký #%d chưa đóng, chưa ghi bước giao bản ghi",
	txtDelivRemaining:      "Đã giao bản ghi #%d — cuộc họp còn %d bản ghi chưa giao",
}

// deliveryTextEN is the English table of the delivery's booking strings.
var deliveryTextEN = map[deliveryKey]string{
	txtDelivBookingStep:    "Recording #%d delivered — booking #%d has all its recordings",
	txtDelivBookingBlocked: "Recording #%d delivered — booking #%d is not closed: its recordings step waits",
	txtDelivRemaining:      "Recording #%d delivered — %d recordings of the meeting still to deliver",
}

// deliveryText says that recording id was delivered and what that did to the meeting's
// booking; plain is the text for a meeting without a booking.
func deliveryText(c Common, id int64, res store.DeliveryResult, plain string) string {
	switch {
	case res.BookingID == 0:
		return plain
	case res.StepRecorded:
		return c.Text(txtDelivBookingStep, id, res.BookingID)
	case res.Blocked:
		return c.Text(txtDelivBookingBlocked, id, res.BookingID)
	case res.Remaining > 0:
		return c.Text(txtDelivRemaining, id, res.Remaining)
	}
	return plain
}
