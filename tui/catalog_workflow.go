package tui

// The workflow's strings (bookings view, due panel, technician warning, test session). They
// join the catalogue at init; kept in their own file so that engineers adding strings to
// catalog.go at the same time do not collide. Step names come from meeting.StepName and the
// booking catalogue of package meeting, which the command line shares.

// workflowKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type workflowKey int

func (workflowKey) tuiText() {}

const (
	txtKeyBookings workflowKey = iota
	txtKeyTestSession
	txtActTestSession
	txtBkTitle
	txtBkDueTitle
	txtBkLoading
	txtBkNone
	txtBkNothingDue
	txtBkColID
	txtBkColWhen
	txtBkColHost
	txtBkColContent
	txtBkColState
	txtBkColNext
	txtBkColStep
	txtBkColDue
	txtBkColWho
	txtBkOverdue
	txtBkToday
	txtBkLoadFailed
	txtTrainingGaps
	txtTrainingOK
	txtPartyDepartment
	txtPartyControl
	txtPartyControlSites
	txtPartyHost
	txtPartySites
	txtTsTitle
	txtTsNoMeeting
	txtTsMeasured
	txtTsManual
	txtTsNotMeasured
	txtTsPass
	txtTsFail
	txtTsNotSaved
	txtTsLast
	txtTsSaved
	txtTsColBP
	txtTsColChecks
	txtTsColResult
	txtTestFailedHeader
	txtItemConnected
	txtItemAudio
	txtItemVideo
	txtItemBitrate
	txtItemLoss
	txtItemJitter
	txtItemRTT
	txtItemDisplay
	txtItemCamera
	txtItemEcho
	txtItemNoHowl
	txtItemPower
	txtItemTechnician
	txtTsStepDone
)

func init() { addTexts(workflowTextVI, workflowTextEN) }

// workflowTextVI is the Vietnamese table of the workflow's strings.
var workflowTextVI = map[workflowKey]string{
	txtKeyBookings:       "lịch đăng ký",
	txtKeyTestSession:    "kiểm duyệt",
	txtActTestSession:    "lưu kết quả kiểm duyệt",
	txtBkTitle:           "Lịch đăng ký họp (%d)",
	txtBkDueTitle:        "Đến hạn hôm nay / quá hạn (%d)",
	txtBkLoading:         "Đang đọc lịch đăng ký…",
	txtBkNone:            "Chưa có đăng ký nào.",
	txtBkNothingDue:      "Không có việc nào đến hạn hôm nay hay quá hạn.",
	txtBkColID:           "Mã",
	txtBkColWhen:         "Thời gian",
	txtBkColHost:         "Đơn vị chủ trì",
	txtBkColContent:      "Nội dung",
	txtBkColState:        "Trạng thái",
	txtBkColNext:         "Hạn kế tiếp",
	txtBkColStep:         "Việc",
	txtBkColDue:          "Hạn",
	txtBkColWho:          "Ai làm",
	txtBkOverdue:         "QUÁ HẠN",
	txtBkToday:           "hôm nay",
	txtBkLoadFailed:      "Không đọc được lịch đăng ký: %s",
	txtTrainingGaps:      "⚠ %d đơn vị chưa đủ 2 cán bộ kỹ thuật đã tập huấn (Điều 6.6): %s",
	txtTrainingOK:        "Mọi đơn vị đều có ít nhất 2 cán bộ kỹ thuật đã tập huấn.",
	txtPartyDepartment:   "Sở KH&CN",
	txtPartyControl:      "Trung tâm CĐS",
	txtPartyControlSites: "TT điều khiển + điểm cầu",
	txtPartyHost:         "Đơn vị chủ trì",
	txtPartySites:        "Các điểm cầu",
	txtTsTitle:           "Kiểm duyệt (Điều 10) · %s",
	txtTsNoMeeting:       "Không có cuộc họp trực tuyến nào để kiểm duyệt.",
	txtTsMeasured:        "MCU đo",
	txtTsManual:          "Cán bộ kỹ thuật đánh dấu (space)",
	txtTsNotMeasured:     "chưa đo được",
	txtTsPass:            "ĐẠT",
	txtTsFail:            "CHƯA ĐẠT",
	txtTsNotSaved:        "chưa lưu",
	txtTsLast:            "%s lúc %s",
	txtTsSaved:           "Đã lưu kết quả kiểm duyệt của %s: %s",
	txtTsColBP:           "Điểm cầu",
	txtTsColChecks:       "Đo │ Đánh dấu",
	txtTsColResult:       "Đã lưu",
	txtTestFailedHeader:  "⚠ Kiểm duyệt chưa đạt: %s",
	txtItemConnected:     "Kết nối",
	txtItemAudio:         "Âm thanh, mic không im",
	txtItemVideo:         "Hình ảnh ≥ 1280×720",
	txtItemBitrate:       "Băng thông",
	txtItemLoss:          "Mất gói",
	txtItemJitter:        "Độ trễ biến thiên",
	txtItemRTT:           "Trễ khứ hồi (RTT)",
	txtItemDisplay:       "Hiển thị 2 nguồn hình",
	txtItemCamera:        "Điều khiển camera, vị trí đặt sẵn",
	txtItemEcho:          "Triệt tiếng vọng",
	txtItemNoHowl:        "Không hú, rít, nhiễu",
	txtItemPower:         "Nguồn điện",
	txtItemTechnician:    "Có cán bộ kỹ thuật",
	txtTsStepDone:        "Mọi điểm cầu của đăng ký #%d đều đạt: đã ghi bước «%s»",
}

// workflowTextEN is the English table of the workflow's strings.
var workflowTextEN = map[workflowKey]string{
	txtKeyBookings:       "bookings",
	txtKeyTestSession:    "test session",
	txtActTestSession:    "save a test result",
	txtBkTitle:           "Bookings (%d)",
	txtBkDueTitle:        "Due today / overdue (%d)",
	txtBkLoading:         "Reading the bookings…",
	txtBkNone:            "No bookings yet.",
	txtBkNothingDue:      "Nothing is due today or overdue.",
	txtBkColID:           "ID",
	txtBkColWhen:         "When",
	txtBkColHost:         "Host unit",
	txtBkColContent:      "Content",
	txtBkColState:        "State",
	txtBkColNext:         "Next deadline",
	txtBkColStep:         "Step",
	txtBkColDue:          "Due",
	txtBkColWho:          "Who acts",
	txtBkOverdue:         "OVERDUE",
	txtBkToday:           "today",
	txtBkLoadFailed:      "Could not read the bookings: %s",
	txtTrainingGaps:      "⚠ %d units have fewer than 2 trained technicians (Article 6.6): %s",
	txtTrainingOK:        "Every unit has at least 2 trained technicians.",
	txtPartyDepartment:   "Dept. of Sci. & Tech.",
	txtPartyControl:      "Digital Transf. Center",
	txtPartyControlSites: "control center + sites",
	txtPartyHost:         "host unit",
	txtPartySites:        "every bridge point",
	txtTsTitle:           "Test session (Article 10) · %s",
	txtTsNoMeeting:       "No live meeting to test.",
	txtTsMeasured:        "Measured by the MCU",
	txtTsManual:          "Ticked by the technician (space)",
	txtTsNotMeasured:     "not measured",
	txtTsPass:            "PASSED",
	txtTsFail:            "FAILED",
	txtTsNotSaved:        "not saved",
	txtTsLast:            "%s at %s",
	txtTsSaved:           "Saved the test result of %s: %s",
	txtTsColBP:           "Bridge point",
	txtTsColChecks:       "MCU │ Manual",
	txtTsColResult:       "Saved",
	txtTestFailedHeader:  "⚠ Failed the test session: %s",
	txtItemConnected:     "Connected",
	txtItemAudio:         "Audio, microphone not silent",
	txtItemVideo:         "Video ≥ 1280×720",
	txtItemBitrate:       "Bitrate",
	txtItemLoss:          "Packet loss",
	txtItemJitter:        "Jitter",
	txtItemRTT:           "Round-trip time",
	txtItemDisplay:       "Display mode, 2 sources",
	txtItemCamera:        "Camera control and presets",
	txtItemEcho:          "Echo cancellation",
	txtItemNoHowl:        "No howling, hiss or noise",
	txtItemPower:         "Power",
	txtItemTechnician:    "Technician present",
	txtTsStepDone:        "Every bridge point of booking #%d passed: recorded the step «%s»",
}
