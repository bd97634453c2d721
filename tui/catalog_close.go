package tui

// The strings of settling incidents before and after the close, and of submitting the log.

// closingKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type closingKey int

func (closingKey) tuiText() {}

const (
	txtPendingTitle closingKey = iota
	txtPendingHint
	txtPendingNone
	txtKeyConfirmAll
	txtKeyDiscardAll
	txtKeyContinueClose
	txtConfirmedAll
	txtDiscardedAll
	txtCloseConfirmPending
	txtKeySubmitLog
	txtSubmitConfirm
	txtSubmitOK
	txtSubmitDrafts
	txtSubmitted
	txtCloseThenSubmit
	txtDraftsShort
	txtEvLeftOnPurpose
	txtLeaveClosed
	txtLeaveICEFailed
	txtLeaveReplaced
	txtLeaveRTCPFlood
	txtEvRecDiskLow
)

var closeTextVI = map[closingKey]string{
	txtPendingTitle:        "Trước khi đóng: %d sự cố nháp, %d đang xử lý",
	txtPendingHint:         "c/x: xác nhận/hủy nháp • A/X: xác nhận/hủy tất cả nháp • enter: sửa, khắc phục • C: tiếp tục đóng • esc: quay lại",
	txtPendingNone:         "Không còn sự cố chờ xử lý — C: tiếp tục đóng nhật ký",
	txtKeyConfirmAll:       "xác nhận mọi nháp",
	txtKeyDiscardAll:       "hủy mọi nháp",
	txtKeyContinueClose:    "tiếp tục đóng",
	txtConfirmedAll:        "Đã xác nhận %d sự cố nháp",
	txtDiscardedAll:        "Đã hủy %d sự cố nháp",
	txtCloseConfirmPending: "Đóng nhật ký %d điểm cầu và kết thúc cuộc họp? Còn %d sự cố nháp, %d đang xử lý: vẫn xử lý được sau khi đóng, đến khi nộp nhật ký.",
	txtKeySubmitLog:        "nộp nhật ký",
	txtSubmitConfirm:       "Nộp nhật ký cuộc họp #%d? Sau khi nộp, sự cố không sửa được nữa.",
	txtSubmitOK:            "Đã nộp nhật ký cuộc họp #%d",
	txtSubmitDrafts:        "Còn %d sự cố nháp: xác nhận (c) hoặc hủy (x) trong danh sách sự cố (I) rồi nộp",
	txtSubmitted:           "Nhật ký đã nộp",
	txtCloseThenSubmit:     "C: nộp nhật ký (sự cố còn sửa được đến khi nộp)",
	txtDraftsShort:         "⚠%d nháp",
	txtEvLeftOnPurpose:     "%s rời cuộc họp",
	txtLeaveClosed:         "kết nối bị đóng",
	txtLeaveICEFailed:      "mất đường truyền",
	txtLeaveReplaced:       "vào lại bằng phiên mới",
	txtLeaveRTCPFlood:      "bị ngắt: gửi quá nhiều gói RTCP lạ",
	txtEvRecDiskLow:        "⚠ ĐÃ DỪNG GHI HÌNH: ổ đĩa còn ít hơn 30 phút ghi — giải phóng chỗ trống rồi ghi lại (R)",
}

var closeTextEN = map[closingKey]string{
	txtPendingTitle:        "Before closing: %d draft incidents, %d in progress",
	txtPendingHint:         "c/x: confirm/discard draft • A/X: confirm/discard all drafts • enter: edit, resolve • C: go on closing • esc: back",
	txtPendingNone:         "No incident pending — C: go on to close the log",
	txtKeyConfirmAll:       "confirm all drafts",
	txtKeyDiscardAll:       "discard all drafts",
	txtKeyContinueClose:    "go on closing",
	txtConfirmedAll:        "Confirmed %d draft incidents",
	txtDiscardedAll:        "Discarded %d draft incidents",
	txtCloseConfirmPending: "Close the log of %d bridge points and end the meeting? %d draft incidents and %d in progress remain: they can still be settled after the close, until the log is submitted.",
	txtKeySubmitLog:        "submit the log",
	txtSubmitConfirm:       "Submit the log of meeting #%d? Its incidents can no longer be changed afterwards.",
	txtSubmitOK:            "Submitted the log of meeting #%d",
	txtSubmitDrafts:        "%d draft incidents remain: confirm (c) or discard (x) them in the incident list (I), then submit",
	txtSubmitted:           "Log submitted",
	txtCloseThenSubmit:     "C: submit the log (incidents can be changed until then)",
	txtDraftsShort:         "⚠%d drafts",
	txtEvLeftOnPurpose:     "%s left the meeting",
	txtLeaveClosed:         "connection closed",
	txtLeaveICEFailed:      "link lost",
	txtLeaveReplaced:       "rejoined with a new session",
	txtLeaveRTCPFlood:      "cut off: too many unknown RTCP packets",
	txtEvRecDiskLow:        "⚠ RECORDING STOPPED: less than 30 minutes of disk left — free some space, then record again (R)",
}

func init() { addTexts(closeTextVI, closeTextEN) }
