package live

import (
	"fmt"

	"diemcau/i18n"
)

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
func text(lang, key string) string { return catalog.Text(lang, key) }

// catalog holds the live meetings' user-facing strings in both languages.
var catalog = i18n.New[string]("live").Add(textVI, textEN)

// textVI is the Vietnamese text (the default).
var textVI = map[string]string{
	"busy":              "điểm cầu %s (%s) đang ở cuộc họp %d đang diễn ra: %q",
	reasonNoBooking:     "không có đăng ký số %d",
	reasonNotConfirmed:  "đăng ký số %d chưa được xác nhận",
	reasonCancelled:     "đăng ký số %d đã bị hủy",
	reasonAlreadyOpened: "đăng ký số %d đã được mở thành cuộc họp %d",
	reasonUnknownSite:   "đăng ký số %d: điểm cầu %s không có trong danh mục",
	"notLive":           "cuộc họp %d không đang diễn ra",
	"testTitle":         "Kiểm duyệt kỹ thuật: ",
	"apiDisabled":       "API chưa bật: đặt DIEMCAU_API_TOKEN hoặc --api-token-file",
	"apiUnauthorized":   "thiếu hoặc sai mã truy cập API",
	"apiBadBody":        "nội dung yêu cầu không hợp lệ",
	"apiBadID":          "mã cuộc họp không hợp lệ",
	"adhoc.noTitle":     "cuộc họp chưa có tên",
	"adhoc.unknownMain": "điểm cầu chính %s không có trong danh mục",
	"adhoc.unknownSite": "điểm cầu %s không có trong danh mục",
	"adhoc.unknownUnit": "đơn vị chủ trì %s không có trong danh mục",
	"adhoc.unknownKind": "loại đơn vị %q không hợp lệ (province, agency, commune, ward)",
	"adhoc.noSites":     "cuộc họp không có điểm cầu nào",
}

// textEN is the English text (--lang en).
var textEN = map[string]string{
	"busy":              "bridge point %s (%s) is in live meeting %d: %q",
	reasonNoBooking:     "no booking %d",
	reasonNotConfirmed:  "booking %d is not confirmed",
	reasonCancelled:     "booking %d is cancelled",
	reasonAlreadyOpened: "booking %d was already opened as meeting %d",
	reasonUnknownSite:   "booking %d: bridge point %s is not in the registry",
	"notLive":           "meeting %d is not live",
	"testTitle":         "Test session: ",
	"apiDisabled":       "the API is disabled: set DIEMCAU_API_TOKEN or --api-token-file",
	"apiUnauthorized":   "missing or wrong API token",
	"apiBadBody":        "the request body is not valid",
	"apiBadID":          "not a meeting id",
	"adhoc.noTitle":     "the meeting has no title",
	"adhoc.unknownMain": "main bridge point %s is not in the registry",
	"adhoc.unknownSite": "bridge point %s is not in the registry",
	"adhoc.unknownUnit": "host unit %s is not in the registry",
	"adhoc.unknownKind": "unit kind %q is not valid (province, agency, commune, ward)",
	"adhoc.noSites":     "the meeting has no bridge point",
}
