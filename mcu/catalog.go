package mcu

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
)

// catalog holds every user-facing string of the package, per language.
var catalog = map[string]map[textKey]string{
	"vi": {
		txtUnknownBridgePoint: "điểm cầu không xác định hoặc không thuộc cuộc họp nào đang mở",
		txtUnauthorized:       "mã tham gia không hợp lệ",
		txtUnsupportedMedia:   "nội dung phải là application/sdp",
		txtBadOffer:           "SDP offer không hợp lệ",
		txtBodyTooLarge:       "SDP offer quá lớn",
		txtInternal:           "lỗi máy chủ",
		txtUnknownSession:     "phiên không tồn tại",
		txtNoTrickle:          "chưa hỗ trợ trickle ICE",
	},
	"en": {
		txtUnknownBridgePoint: "unknown bridge point or not in any open conference",
		txtUnauthorized:       "invalid join credential",
		txtUnsupportedMedia:   "content type must be application/sdp",
		txtBadOffer:           "invalid SDP offer",
		txtBodyTooLarge:       "SDP offer too large",
		txtInternal:           "server error",
		txtUnknownSession:     "no such session",
		txtNoTrickle:          "trickle ICE is not supported",
	},
}

// text returns the string for key in lang, falling back to Vietnamese.
func text(lang string, key textKey) string {
	if t, ok := catalog[lang]; ok {
		if s, ok := t[key]; ok {
			return s
		}
	}
	return catalog["vi"][key]
}
