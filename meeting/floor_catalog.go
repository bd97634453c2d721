package meeting

import "diemcau/i18n"

// floorKey names one user-facing string of the floor rules and the meeting log. (Kept apart from
// catalog.go, which the calendar owns, so the two can be merged later without conflict.)
type floorKey int

const (
	fkLogTitle floorKey = iota
	fkLogMeeting
	fkLogWhen
	fkLogUnit
	fkLogNo
	fkLogBridgePoint
	fkLogStatus
	fkLogDevices
	fkLogMainSection
	fkLogSubSection
	fkLogNormal
	fkLogID
	fkLogIncident
	fkLogDamaged
	fkLogDescription
	fkLogCamera
	fkLogCodec
	fkLogMicrophone
	fkLogCables
	fkLogOther
	fkLogInterruption
	fkLogTotalInterruption
	fkLogAttendees
	fkLogAttendeesLabel
	fkLogAttendeesTotal
	fkLogNotClosed
	fkLogSigned
	fkLogStateSubmitted
	fkLogStateClosed
	fkLogStateIncomplete
	fkLogPendingTitle
	fkLogPendingDraft
	fkLogPendingOpen
	fkDuration
)

// floorCatalog is every string of the floor rules and the meeting log in both languages.
var floorCatalog = i18n.New[floorKey]("meeting/floor").Add(floorCatalogVI, floorCatalogEN)

// floorCatalogVI is the Vietnamese text (the default).
var floorCatalogVI = map[floorKey]string{
	fkLogTitle:             "MẪU NHẬT KÝ TRIỂN KHAI HỌP TRỰC TUYẾN",
	fkLogMeeting:           "Nội dung cuộc họp",
	fkLogWhen:              "Thời gian tổ chức",
	fkLogUnit:              "Đơn vị",
	fkLogNo:                "STT",
	fkLogBridgePoint:       "Điểm cầu",
	fkLogStatus:            "Tình trạng",
	fkLogDevices:           "Thiết bị",
	fkLogMainSection:       "Điểm cầu chính",
	fkLogSubSection:        "Điểm cầu phụ",
	fkLogNormal:            "Bình thường",
	fkLogID:                "mã",
	fkLogIncident:          "Sự cố",
	fkLogDamaged:           "hư hỏng",
	fkLogDescription:       "Mô tả sự cố",
	fkLogCamera:            "Camera",
	fkLogCodec:             "Bộ kết nối",
	fkLogMicrophone:        "Micro",
	fkLogCables:            "Adapter, dây cáp",
	fkLogOther:             "Khác",
	fkLogInterruption:      "Thời gian gián đoạn",
	fkLogTotalInterruption: "Tổng thời gian gián đoạn của cuộc họp",
	fkLogAttendees:         "Số người dự",
	fkLogAttendeesLabel:    "Tổng số người dự",
	fkLogAttendeesTotal:    "%d người (%d/%d điểm cầu đã điểm danh)",
	fkLogNotClosed:         "cuộc họp %d chưa đóng nhật ký",
	fkLogSigned:            "Thủ trưởng đơn vị (Ký, đóng dấu)",
	fkLogStateSubmitted:    "Nhật ký đã nộp lúc %s.",
	fkLogStateClosed:       "Nhật ký đã đóng, chưa nộp: sự cố còn được xác nhận, hủy hoặc khắc phục trước khi nộp.",
	fkLogStateIncomplete:   "NHẬT KÝ CHƯA HOÀN TẤT: cuộc họp kết thúc mà không qua bước đóng nhật ký (thoát bảng điều khiển, dừng hoặc sự cố máy chủ); các dòng dưới đây là bản đề xuất chưa được kỹ thuật viên xác nhận.",
	fkLogPendingTitle:      "Sự cố chưa xử lý (không thuộc nhật ký cho đến khi được xác nhận)",
	fkLogPendingDraft:      "nháp",
	fkLogPendingOpen:       "đang xử lý",
	fkDuration:             "%d phút %02d giây",
}

// floorCatalogEN is the English text (--lang en).
var floorCatalogEN = map[floorKey]string{
	fkLogTitle:             "ONLINE MEETING LOG",
	fkLogMeeting:           "Meeting",
	fkLogWhen:              "Held",
	fkLogUnit:              "Unit",
	fkLogNo:                "No.",
	fkLogBridgePoint:       "Bridge point",
	fkLogStatus:            "Status",
	fkLogDevices:           "Devices",
	fkLogMainSection:       "Main bridge point",
	fkLogSubSection:        "Sub bridge points",
	fkLogNormal:            "Normal",
	fkLogID:                "id",
	fkLogIncident:          "Incident",
	fkLogDamaged:           "damaged",
	fkLogDescription:       "Incident description",
	fkLogCamera:            "Camera",
	fkLogCodec:             "Codec",
	fkLogMicrophone:        "Microphone",
	fkLogCables:            "Adapter and cables",
	fkLogOther:             "Other",
	fkLogInterruption:      "Interruption",
	fkLogTotalInterruption: "Total interruption of the meeting",
	fkLogAttendees:         "Attendees",
	fkLogAttendeesLabel:    "Total attendees",
	fkLogAttendeesTotal:    "%d (%d/%d bridge points answered the roll call)",
	fkLogNotClosed:         "meeting %d has no closed log",
	fkLogSigned:            "Head of unit (signature, seal)",
	fkLogStateSubmitted:    "Log submitted at %s.",
	fkLogStateClosed:       "Log closed, not yet submitted: incidents may still be confirmed, discarded or resolved before it is.",
	fkLogStateIncomplete:   "INCOMPLETE LOG: the meeting ended without its log being closed (the console quit, the server stopped or crashed); the rows below are the proposal, not confirmed by a technician.",
	fkLogPendingTitle:      "Incidents pending (not part of the log until confirmed)",
	fkLogPendingDraft:      "draft",
	fkLogPendingOpen:       "in progress",
	fkDuration:             "%d min %02d s",
}

// floorText returns the string k in lang (Vietnamese when unknown), formatted with args.
func floorText(lang string, k floorKey, args ...any) string {
	return floorCatalog.Text(lang, k, args...)
}
