package tui

import "diemcau/store"

// What a recording's delivery did to the booking of its meeting, for the status line.
const (
	txtDelivBookingStep textKey = iota + 8900
	txtDelivBookingBlocked
	txtDelivRemaining
)

func init() {
	for k, s := range deliveryTextVI {
		textVI[k] = s
	}
	for k, s := range deliveryTextEN {
		textEN[k] = s
	}
}

// deliveryTextVI is the Vietnamese table of the delivery's booking strings.
var deliveryTextVI = map[textKey]string{
	txtDelivBookingStep:    " · đăng ký #%d: đã giao đủ bản ghi",
	txtDelivBookingBlocked: " · đăng ký #%d chưa đóng: chưa ghi được bước giao bản ghi",
	txtDelivRemaining:      " · còn %d bản ghi chưa giao",
}

// deliveryTextEN is the English table of the delivery's booking strings.
var deliveryTextEN = map[textKey]string{
	txtDelivBookingStep:    " · booking #%d: recordings delivered",
	txtDelivBookingBlocked: " · booking #%d not closed: its recordings step is not recorded",
	txtDelivRemaining:      " · %d recordings still to deliver",
}

// deliveryBookingText says what a delivery did to the meeting's booking; "" when it has none.
func deliveryBookingText(c Common, res store.DeliveryResult) string {
	switch {
	case res.BookingID == 0:
		return ""
	case res.StepRecorded:
		return c.Text(txtDelivBookingStep, res.BookingID)
	case res.Blocked:
		return c.Text(txtDelivBookingBlocked, res.BookingID)
	case res.Remaining > 0:
		return c.Text(txtDelivRemaining, res.Remaining)
	}
	return ""
}
