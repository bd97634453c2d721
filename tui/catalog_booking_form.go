package tui

// The booking form's strings (Appendix I entered in the console) and the keys that add, edit
// and advance a booking. They join the catalogue at init. The Desk's refusals come from the
// booking catalogue of package meeting, which the command line shares.

import "diemcau/meeting"

// bookingFormKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type bookingFormKey int

func (bookingFormKey) tuiText() {}

const (
	txtBfKind bookingFormKey = iota
	txtBfHostUnit
	txtBfRoom
	txtBfContent
	txtBfChairName
	txtBfChairTitle
	txtBfStart
	txtBfEnd
	txtBfLegalNumber
	txtBfLegalDate
	txtBfLegalIssuer
	txtBfTechName
	txtBfTechPhone
	txtBfPoints
	txtBfProjector
	txtBfVideo
	txtBfSpeaking
	txtBfRecording
	txtBfEmergency
	txtBfEmergencyReason
	txtBfOpinion
	txtBfFormDate
	txtBfHeadOfUnit
	txtBfOverride
	txtBfKindA
	txtBfKindB
	txtBfKindC
	txtBfKindD
	txtBfNo
	txtBfYes
	txtBfEmNone
	txtBfEmStorm
	txtBfEmFlood
	txtBfEmDisaster
	txtBfEmFire
	txtBfEmOther
	txtBfPointsHint
	txtBfRoomDefault
	txtBfExample
	txtBfBadAttendees
	txtBfPointN
	txtBfTitleNew
	txtBfTitleEdit
	txtBfConflictHead
	txtBfHint
	txtBfOverrideHint
	txtKeyBookingAdd
	txtKeyBookingEdit
	txtKeyBookingStep
	txtBfSaved
	txtBfSavedOverride
	txtBfEdited
	txtBfEditedReset
	txtBfStepAsk
	txtBfStepDone
	txtBfNoStep
	txtBfHostOwnUnit
	txtBfHostNoUnit
)

func init() { addTexts(bookingFormTextVI, bookingFormTextEN) }

// bookingFormTextVI is the Vietnamese table of the booking form's strings.
var bookingFormTextVI = map[bookingFormKey]string{
	txtBfKind:            "Loại cuộc họp",
	txtBfHostUnit:        "Đơn vị chủ trì",
	txtBfRoom:            "Phòng họp",
	txtBfContent:         "Nội dung",
	txtBfChairName:       "Chủ trì",
	txtBfChairTitle:      "Chức vụ chủ trì",
	txtBfStart:           "Bắt đầu",
	txtBfEnd:             "Kết thúc",
	txtBfLegalNumber:     "Văn bản: số",
	txtBfLegalDate:       "Văn bản: ngày",
	txtBfLegalIssuer:     "Văn bản: cơ quan ban hành",
	txtBfTechName:        "Cán bộ kỹ thuật",
	txtBfTechPhone:       "Điện thoại kỹ thuật",
	txtBfPoints:          "Điểm cầu phụ",
	txtBfProjector:       "Máy chiếu",
	txtBfVideo:           "Trình chiếu video",
	txtBfSpeaking:        "Phát biểu",
	txtBfRecording:       "Lưu hình ảnh, video",
	txtBfEmergency:       "Họp khẩn cấp",
	txtBfEmergencyReason: "Lý do khẩn cấp",
	txtBfOpinion:         "Ý kiến của Sở",
	txtBfFormDate:        "Ngày lập phiếu",
	txtBfHeadOfUnit:      "Thủ trưởng đơn vị",
	txtBfOverride:        "Lý do vẫn đăng ký",
	txtBfKindA:           meeting.KindName("vi", "a"),
	txtBfKindB:           meeting.KindName("vi", "b"),
	txtBfKindC:           meeting.KindName("vi", "c"),
	txtBfKindD:           meeting.KindName("vi", "d"),
	txtBfNo:              "không",
	txtBfYes:             "có",
	txtBfEmNone:          "không",
	txtBfEmStorm:         "bão",
	txtBfEmFlood:         "lũ lụt",
	txtBfEmDisaster:      "thiên tai",
	txtBfEmFire:          "hỏa hoạn",
	txtBfEmOther:         "khác (ghi lý do)",
	txtBfPointsHint:      "XA-001, 30, Nguyễn Văn A, 0905123456; Xã Ia Grai, 20",
	txtBfRoomDefault:     "mặc định (Điều 9.3): %s",
	txtBfExample:         "vd: %s",
	txtBfBadAttendees:    "điểm cầu thứ %d: số người dự %q không phải là số (mỗi điểm cầu: mã, số người, người liên hệ, điện thoại; cách nhau bằng ;)",
	txtBfPointN:          "điểm cầu thứ %d:",
	txtBfTitleNew:        "Đăng ký họp trực tuyến (Phụ lục I)",
	txtBfTitleEdit:       "Sửa đăng ký #%d (Phụ lục I)",
	txtBfConflictHead:    "Trùng lịch phòng họp hoặc điểm cầu, chưa ghi gì:",
	txtBfHint:            "tab/shift+tab: chuyển ô · ←/→: chọn · ctrl+s: lưu · esc: bỏ",
	txtBfOverrideHint:    "ghi lý do để vẫn đăng ký (được ghi nhật ký) rồi ctrl+s · esc: bỏ",
	txtKeyBookingAdd:     "đăng ký mới",
	txtKeyBookingEdit:    "sửa đăng ký",
	txtKeyBookingStep:    "ghi bước tiếp theo",
	txtBfSaved:           "Đã ghi đăng ký #%d",
	txtBfSavedOverride:   "Đã ghi đăng ký #%d, chấp nhận trùng lịch với %d cuộc họp (đã ghi nhật ký)",
	txtBfEdited:          "Đã sửa đăng ký #%d",
	txtBfEditedReset:     "Đã sửa đăng ký #%d: đổi thời gian hoặc điểm cầu, trở về «đã đăng ký»",
	txtBfStepAsk:         "Ghi bước «%s» cho đăng ký #%d, người ghi %s?",
	txtBfStepDone:        "Đăng ký #%d: %s (%s)",
	txtBfNoStep:          "Đăng ký #%d không còn bước nào chờ ghi",
	txtBfHostOwnUnit:     "điểm cầu chủ trì chỉ đăng ký cho đơn vị của mình (%s)",
	txtBfHostNoUnit:      "khóa chủ trì không gắn điểm cầu có trong danh sách (bp=) nên không đăng ký được",
}

// bookingFormTextEN is the English table of the booking form's strings.
var bookingFormTextEN = map[bookingFormKey]string{
	txtBfKind:            "Meeting kind",
	txtBfHostUnit:        "Host unit",
	txtBfRoom:            "Room",
	txtBfContent:         "Content",
	txtBfChairName:       "Chair",
	txtBfChairTitle:      "Chair's title",
	txtBfStart:           "Start",
	txtBfEnd:             "End",
	txtBfLegalNumber:     "Document number",
	txtBfLegalDate:       "Document date",
	txtBfLegalIssuer:     "Document issuer",
	txtBfTechName:        "Technician",
	txtBfTechPhone:       "Technician's phone",
	txtBfPoints:          "Sub bridge points",
	txtBfProjector:       "Projector",
	txtBfVideo:           "Video playback",
	txtBfSpeaking:        "Speaking",
	txtBfRecording:       "Recording",
	txtBfEmergency:       "Emergency",
	txtBfEmergencyReason: "Emergency reason",
	txtBfOpinion:         "Department's opinion",
	txtBfFormDate:        "Form date",
	txtBfHeadOfUnit:      "Head of unit",
	txtBfOverride:        "Reason to book anyway",
	txtBfKindA:           meeting.KindName("en", "a"),
	txtBfKindB:           meeting.KindName("en", "b"),
	txtBfKindC:           meeting.KindName("en", "c"),
	txtBfKindD:           meeting.KindName("en", "d"),
	txtBfNo:              "no",
	txtBfYes:             "yes",
	txtBfEmNone:          "no",
	txtBfEmStorm:         "storm",
	txtBfEmFlood:         "flood",
	txtBfEmDisaster:      "disaster",
	txtBfEmFire:          "fire",
	txtBfEmOther:         "other (give a reason)",
	txtBfPointsHint:      "XA-001, 30, Nguyen Van A, 0905123456; Xã Ia Grai, 20",
	txtBfRoomDefault:     "default (Article 9.3): %s",
	txtBfExample:         "e.g. %s",
	txtBfBadAttendees:    "bridge point %d: attendees %q is not a number (each point: id, attendees, contact, phone; separated by ;)",
	txtBfPointN:          "bridge point %d:",
	txtBfTitleNew:        "Online meeting booking (Appendix I)",
	txtBfTitleEdit:       "Edit booking #%d (Appendix I)",
	txtBfConflictHead:    "The room or a bridge point is taken; nothing was written:",
	txtBfHint:            "tab/shift+tab: field · ←/→: choose · ctrl+s: save · esc: cancel",
	txtBfOverrideHint:    "type a reason to book anyway (audited), then ctrl+s · esc: cancel",
	txtKeyBookingAdd:     "new booking",
	txtKeyBookingEdit:    "edit booking",
	txtKeyBookingStep:    "record next step",
	txtBfSaved:           "Booking #%d saved",
	txtBfSavedOverride:   "Booking #%d saved, accepting a clash with %d meeting(s) (audited)",
	txtBfEdited:          "Booking #%d edited",
	txtBfEditedReset:     "Booking #%d edited: time or bridge points changed, back to «registered»",
	txtBfStepAsk:         "Record «%s» for booking #%d, by %s?",
	txtBfStepDone:        "Booking #%d: %s (%s)",
	txtBfNoStep:          "Booking #%d has no step left to record",
	txtBfHostOwnUnit:     "a host registers only for its own unit (%s)",
	txtBfHostNoUnit:      "the host key names no known bridge point (bp=), so it cannot register",
}
