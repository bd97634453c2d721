package mcu

import "diemcau/i18n"

// textKey names one user-facing string of this package.
type textKey int

const (
	txtUnknownBridgePoint textKey = iota
	txtUnauthorized
	txtUnsupportedMedia
	txtBadOffer
	txtBodyTooLarge
	txtInternal
	txtUnknownSession
	txtNoTrickle
	txtAPIDisabled
	txtAPIUnauthorized
	txtCodecMismatch
	txtTooManyFailures
	txtNotExpected
	txtLocked
	txtDisconnected
)

// refusalText is the 403 body of each Refusal.
var refusalText = map[Refusal]textKey{
	RefusedNotExpected: txtNotExpected, RefusedLocked: txtLocked, RefusedDisconnected: txtDisconnected,
}

// catalog holds every user-facing string of the package in both languages.
var catalog = i18n.New[textKey]("mcu").Add(catalogVI, catalogEN)

// catalogVI is the Vietnamese text (the default).
var catalogVI = map[textKey]string{
	txtUnknownBridgePoint: "điểm cầu không xác định hoặc không thuộc cuộc họp nào đang mở",
	txtUnauthorized:       "mã tham gia không hợp lệ",
	txtTooManyFailures:    "sai mã tham gia quá nhiều lần từ địa chỉ này; hãy thử lại sau",
	txtUnsupportedMedia:   "nội dung phải là application/sdp",
	txtBadOffer:           "SDP offer không hợp lệ",
	txtBodyTooLarge:       "SDP offer quá lớn",
	txtInternal:           "lỗi máy chủ",
	txtUnknownSession:     "phiên không tồn tại",
	txtNoTrickle:          "chưa hỗ trợ trickle ICE",
	txtCodecMismatch:      "thiết bị này không giải mã được hình của %s (mã hóa %s, ô %s) nên ô hình này để trống",
	txtAPIDisabled:        "API trạng thái đang tắt: đặt DIEMCAU_API_TOKEN hoặc --api-token-file",
	txtAPIUnauthorized:    "thiếu hoặc sai mã truy cập API (Authorization: Bearer)",
	txtNotExpected:        "điểm cầu này không có trong danh sách của cuộc họp; đã báo trung tâm điều khiển, hãy chờ được cho vào rồi tham gia lại",
	txtLocked:             "cuộc họp đã khóa, không nhận thêm điểm cầu; đã báo trung tâm điều khiển, hãy chờ được cho vào rồi tham gia lại",
	txtDisconnected:       "trung tâm điều khiển đã ngắt kết nối điểm cầu này; hãy chờ được cho vào lại rồi tham gia",
}

// catalogEN is the English text (--lang en).
var catalogEN = map[textKey]string{
	txtUnknownBridgePoint: "unknown bridge point or not in any open conference",
	txtUnauthorized:       "invalid join credential",
	txtTooManyFailures:    "too many wrong join credentials from this address; try again later",
	txtUnsupportedMedia:   "content type must be application/sdp",
	txtBadOffer:           "invalid SDP offer",
	txtBodyTooLarge:       "SDP offer too large",
	txtInternal:           "server error",
	txtUnknownSession:     "no such session",
	txtNoTrickle:          "trickle ICE is not supported",
	txtCodecMismatch:      "this device cannot decode the picture of %s (codec %s, slot %s), so that slot stays empty",
	txtAPIDisabled:        "the status API is disabled: set DIEMCAU_API_TOKEN or --api-token-file",
	txtAPIUnauthorized:    "missing or wrong API token (Authorization: Bearer)",
	txtNotExpected:        "this bridge point is not on the meeting's list; the control center has been told: wait to be admitted, then join again",
	txtLocked:             "the meeting is locked and takes no more bridge points; the control center has been told: wait to be admitted, then join again",
	txtDisconnected:       "the control center disconnected this bridge point; wait to be admitted again, then join",
}

// text returns the string for key in lang, falling back to Vietnamese.
func text(lang string, key textKey) string { return catalog.Text(lang, key) }
