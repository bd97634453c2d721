package tui

// The recording view's strings (Article 12.2). They join the catalogue at init; kept in their
// own file so that engineers adding strings to catalog.go at the same time do not collide.

// recordingsKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type recordingsKey int

func (recordingsKey) tuiText() {}

const (
	txtKeyRecordings recordingsKey = iota
	txtKeyRecordToggle
	txtKeyDeliver
	txtActDeliverRecording
	txtRecIndicator
	txtRecTitle
	txtRecRunning
	txtRecIdle
	txtRecNoMeeting
	txtRecNone
	txtRecLoading
	txtRecLoadFailed
	txtRecColStart
	txtRecColDuration
	txtRecColSize
	txtRecColDue
	txtRecColDelivered
	txtRecRunningRow
	txtRecDueLive
	txtRecOverdue
	txtRecToday
	txtRecLate
	txtRecDeliverAsk
	txtRecDelivered
	txtRecStarted
	txtRecStopped
	txtRecAlready
	txtRecNotRunning
	txtRecStillRunning
	txtRecAlreadyDelivered
	txtRecHint
	txtRecHintRead
	txtEvRecStarted
	txtEvRecStopped
	txtRecDropped
)

func init() { addTexts(recordingTextVI, recordingTextEN) }

// recordingTextVI is the Vietnamese table of the recording view's strings.
var recordingTextVI = map[recordingsKey]string{
	txtKeyRecordings:       "ghi hình",
	txtKeyRecordToggle:     "bắt đầu/dừng ghi",
	txtKeyDeliver:          "đánh dấu đã giao",
	txtActDeliverRecording: "đánh dấu đã giao bản ghi",
	txtRecIndicator:        "● REC",
	txtRecTitle:            "Ghi hình các cuộc họp (Điều 12.2) — %d bản ghi",
	txtRecRunning:          "● Đang ghi %s · %d tệp · %s",
	txtRecIdle:             "Không ghi hình",
	txtRecNoMeeting:        "Không có cuộc họp trực tuyến để ghi",
	txtRecNone:             "Chưa có bản ghi",
	txtRecLoading:          "Đang tải…",
	txtRecLoadFailed:       "Không đọc được danh sách bản ghi: %s",
	txtRecColStart:         "Bắt đầu",
	txtRecColDuration:      "Thời lượng",
	txtRecColSize:          "Dung lượng",
	txtRecColDue:           "Hạn giao",
	txtRecColDelivered:     "Đã giao",
	txtRecRunningRow:       "đang ghi",
	txtRecDueLive:          "khi họp xong",
	txtRecOverdue:          "QUÁ HẠN",
	txtRecToday:            "hôm nay",
	txtRecLate:             "trễ",
	txtRecDeliverAsk:       "Đánh dấu bản ghi #%d đã giao cho %s? (y/n)",
	txtRecDelivered:        "Đã ghi nhận bản ghi #%d giao cho %s",
	txtRecStarted:          "Đã bắt đầu ghi hình vào %s",
	txtRecStopped:          "Đã dừng ghi hình: %d tệp, %s, %s",
	txtRecAlready:          "Cuộc họp đang được ghi hình",
	txtRecNotRunning:       "Cuộc họp không được ghi hình",
	txtRecStillRunning:     "Bản ghi #%d chưa dừng",
	txtRecAlreadyDelivered: "Bản ghi #%d đã được giao",
	txtRecHint:             "s: bắt đầu/dừng ghi • enter: đánh dấu đã giao • esc: quay lại",
	txtRecHintRead:         "chỉ xem • esc: quay lại",
	txtEvRecStarted:        "● Bắt đầu ghi hình (%s)",
	txtEvRecStopped:        "Dừng ghi hình (%s)",
	txtRecDropped:          "bỏ %d gói (ổ đĩa chậm)",
}

// recordingTextEN is the English table of the recording view's strings.
var recordingTextEN = map[recordingsKey]string{
	txtKeyRecordings:       "recording",
	txtKeyRecordToggle:     "start/stop recording",
	txtKeyDeliver:          "mark delivered",
	txtActDeliverRecording: "mark a recording delivered",
	txtRecIndicator:        "● REC",
	txtRecTitle:            "Recordings of meetings (Article 12.2) — %d",
	txtRecRunning:          "● Recording %s · %d files · %s",
	txtRecIdle:             "Not recording",
	txtRecNoMeeting:        "No live meeting to record",
	txtRecNone:             "No recordings yet",
	txtRecLoading:          "Loading…",
	txtRecLoadFailed:       "Cannot read the recordings: %s",
	txtRecColStart:         "Started",
	txtRecColDuration:      "Duration",
	txtRecColSize:          "Size",
	txtRecColDue:           "Due",
	txtRecColDelivered:     "Delivered",
	txtRecRunningRow:       "recording",
	txtRecDueLive:          "after meeting",
	txtRecOverdue:          "OVERDUE",
	txtRecToday:            "today",
	txtRecLate:             "late",
	txtRecDeliverAsk:       "Mark recording #%d delivered to %s? (y/n)",
	txtRecDelivered:        "Recording #%d marked delivered to %s",
	txtRecStarted:          "Recording started in %s",
	txtRecStopped:          "Recording stopped: %d files, %s, %s",
	txtRecAlready:          "The meeting is already being recorded",
	txtRecNotRunning:       "The meeting is not being recorded",
	txtRecStillRunning:     "Recording #%d is still running",
	txtRecAlreadyDelivered: "Recording #%d was already delivered",
	txtRecHint:             "s: start/stop recording • enter: mark delivered • esc: back",
	txtRecHintRead:         "read only • esc: back",
	txtEvRecStarted:        "● Recording started (%s)",
	txtEvRecStopped:        "Recording stopped (%s)",
	txtRecDropped:          "%d packets dropped (slow disk)",
}
