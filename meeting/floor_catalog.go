package meeting

import "fmt"

// floorKey names one user-facing string of the floor rules and the meeting log. (Kept apart from
// catalog.go, which the calendar owns, so the two can be merged later without conflict.)
type floorKey int

const (
	fkDropDraft floorKey = iota
	fkNoMediaDraft
	fkPoorDraft
	fkBackAfter
	fkLogTitle
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
	fkRestartDraft
)

// floorCatalog is every string of the floor rules and the meeting log, per language.
var floorCatalog = map[string]map[floorKey]string{
	"vi": {
		fkDropDraft:            "Điểm cầu mất kết nối (tự động ghi nhận)",
		fkNoMediaDraft:         "Không nhận được tín hiệu từ điểm cầu quá %d giây (tự động ghi nhận)",
		fkPoorDraft:            "Chất lượng đường truyền kém liên tục %d giây: mất gói %.1f %%, jitter %.0f ms, RTT %.0f ms, mức %s (tự động ghi nhận)",
		fkBackAfter:            "Đã kết nối lại, gián đoạn %s",
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
		fkRestartDraft:         "Máy chủ khởi động lại giữa cuộc họp: điểm cầu bị gián đoạn (tự động ghi nhận)",
	},
	"en": {
		fkDropDraft:            "Bridge point lost its connection (recorded automatically)",
		fkNoMediaDraft:         "No media from the bridge point for over %d s (recorded automatically)",
		fkPoorDraft:            "Poor link for %d s: loss %.1f %%, jitter %.0f ms, RTT %.0f ms, grade %s (recorded automatically)",
		fkBackAfter:            "Reconnected after an interruption of %s",
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
		fkRestartDraft:         "The server restarted mid-meeting: bridge point interrupted (recorded automatically)",
	},
}

// floorText returns the string k in lang (Vietnamese when unknown), formatted with args.
func floorText(lang string, k floorKey, args ...any) string {
	table, ok := floorCatalog[lang]
	if !ok {
		table = floorCatalog["vi"]
	}
	s, ok := table[k]
	if !ok {
		s = floorCatalog["vi"][k]
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}
