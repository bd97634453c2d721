package live

import "fmt"

// BusyError refuses to open a meeting with a bridge point already in another live meeting.
type BusyError struct {
	Lang        string
	BridgePoint string
	Name        string
	MeetingID   int64
	Title       string
}

func (e *BusyError) Error() string {
	return fmt.Sprintf(text(e.Lang, "busy"), e.Name, e.BridgePoint, e.MeetingID, e.Title)
}

// Reasons a booking cannot be opened.
const (
	reasonNoBooking     = "noBooking"
	reasonNotConfirmed  = "notConfirmed"
	reasonCancelled     = "cancelled"
	reasonAlreadyOpened = "alreadyOpened"
	reasonUnknownSite   = "unknownSite"
)

// BookingError says why a booking cannot be opened as a meeting.
type BookingError struct {
	Lang    string
	Booking int64
	Reason  string
	Meeting int64  // alreadyOpened: the meeting opened from it
	Site    string // unknownSite: the bridge point the registry does not have
}

func (e *BookingError) Error() string {
	switch e.Reason {
	case reasonAlreadyOpened:
		return fmt.Sprintf(text(e.Lang, e.Reason), e.Booking, e.Meeting)
	case reasonUnknownSite:
		return fmt.Sprintf(text(e.Lang, e.Reason), e.Booking, e.Site)
	}
	return fmt.Sprintf(text(e.Lang, e.Reason), e.Booking)
}

// NotLiveError refuses to act on a meeting that is not live in this process.
type NotLiveError struct {
	Lang    string
	Meeting int64
}

func (e *NotLiveError) Error() string { return fmt.Sprintf(text(e.Lang, "notLive"), e.Meeting) }

// text is the catalogue entry key in lang (Vietnamese unless "en").
func text(lang, key string) string {
	if lang == "en" {
		return textEN[key]
	}
	return textVI[key]
}

var textVI = map[string]string{
	"busy":              "điểm cầu %s (%s) đang ở cuộc họp %d đang diễn ra: %q",
	reasonNoBooking:     "không có đăng ký số %d",
	reasonNotConfirmed:  "đăng ký số %d chưa được xác nhận",
	reasonCancelled:     "đăng ký số %d đã bị hủy",
	reasonAlreadyOpened: "đăng ký số %d đã được mở thành cuộc họp %d",
	reasonUnknownSite:   "đăng ký số %d: điểm cầu %s không có trong danh mục",
	"notLive":           "cuộc họp %d không đang diễn ra",
}

var textEN = map[string]string{
	"busy":              "bridge point %s (%s) is in live meeting %d: %q",
	reasonNoBooking:     "no booking %d",
	reasonNotConfirmed:  "booking %d is not confirmed",
	reasonCancelled:     "booking %d is cancelled",
	reasonAlreadyOpened: "booking %d was already opened as meeting %d",
	reasonUnknownSite:   "booking %d: bridge point %s is not in the registry",
	"notLive":           "meeting %d is not live",
}
