package tui

// The strings of the room: roll call (điểm danh), admission, lock and disconnect. They join the
// catalogue at init; kept in their own file so that others adding strings do not collide.

// rollCallKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type rollCallKey int

func (rollCallKey) tuiText() {}

const (
	txtKeyRollCall rollCallKey = iota
	txtKeyLock
	txtKeyAdmit
	txtKeyDisconnect
	txtKeyAskRollCall
	txtKeyAttend
	txtActRollCall
	txtActAdmit
	txtActDisconnect
	txtRoomCounts
	txtRoomTitle
	txtRoomColSite
	txtRoomColState
	txtRoomColAttendees
	txtRoomConnected
	txtRoomNever
	txtRoomLeft
	txtRoomDisconnected
	txtRoomKnocking
	txtRoomBySite
	txtRoomByTech
	txtRoomTotal
	txtRoomHint
	txtRoomHintRead
	txtRoomTyping
	txtRoomBadNumber
	txtRoomNoMeeting
	txtRoomLocked
	txtRoomKnocks
	txtKnockStatus
	txtEvKnock
	txtEvAdmitted
	txtEvLocked
	txtEvUnlocked
	txtEvRollCall
	txtEvAttendance
	txtRollCallOK
	txtAttendanceOK
	txtAdmitOK
	txtLockOK
	txtUnlockOK
	txtDisconnectOK
	txtDisconnectAsk
	txtDisconnectReason
	txtNoKnock
	txtNotConnected
	txtDoorNotExpected
	txtDoorLocked
	txtDoorDisconnected
	txtRoomAbsent
	txtEvDisconnected
)

func init() { addTexts(roomTextVI, roomTextEN) }

// roomTextVI is the Vietnamese table of the room's strings.
var roomTextVI = map[rollCallKey]string{
	txtKeyRollCall:      "điểm danh",
	txtKeyLock:          "khóa/mở cuộc họp",
	txtKeyAdmit:         "cho vào",
	txtKeyDisconnect:    "ngắt kết nối",
	txtKeyAskRollCall:   "yêu cầu điểm danh",
	txtKeyAttend:        "nhập số người dự",
	txtActRollCall:      "điểm danh",
	txtActAdmit:         "cho điểm cầu vào",
	txtActDisconnect:    "ngắt kết nối điểm cầu",
	txtRoomCounts:       "Dự kiến %d · đã vào %d · chưa vào %d · đã rời %d",
	txtRoomTitle:        "Điểm danh — %d người dự đã xác nhận (%d/%d điểm cầu)",
	txtRoomColSite:      "Điểm cầu",
	txtRoomColState:     "Trạng thái",
	txtRoomColAttendees: "Số người dự",
	txtRoomConnected:    "đang kết nối",
	txtRoomNever:        "chưa vào",
	txtRoomLeft:         "đã rời",
	txtRoomDisconnected: "bị ngắt",
	txtRoomKnocking:     "xin vào cuộc họp",
	txtRoomBySite:       "điểm cầu xác nhận",
	txtRoomByTech:       "KTV %s",
	txtRoomTotal:        "Tổng",
	txtRoomHint:         "r: yêu cầu điểm danh • enter: nhập số người • a: cho vào • X: ngắt • L: khóa • esc: quay lại",
	txtRoomHintRead:     "chỉ xem • esc: quay lại",
	txtRoomTyping:       "Số người dự tại %s: %s▏ (enter: lưu • esc: hủy)",
	txtRoomBadNumber:    "Số người dự phải là số nguyên từ 0 đến 10000",
	txtRoomNoMeeting:    "Không có cuộc họp trực tuyến",
	txtRoomLocked:       "[ĐÃ KHÓA]",
	txtRoomKnocks:       "%d xin vào (A)",
	txtKnockStatus:      "%s xin vào cuộc họp — A: cho vào",
	txtEvKnock:          "%s xin vào cuộc họp (%s)",
	txtEvAdmitted:       "%s được cho vào cuộc họp (%s)",
	txtEvLocked:         "Cuộc họp đã khóa (%s)",
	txtEvUnlocked:       "Cuộc họp đã mở khóa (%s)",
	txtEvRollCall:       "Điểm danh: đã hỏi %s điểm cầu (%s)",
	txtEvAttendance:     "%s: %s người dự (%s)",
	txtRollCallOK:       "Đã yêu cầu %d điểm cầu điểm danh",
	txtAttendanceOK:     "Đã ghi %s: %d người dự",
	txtAdmitOK:          "Đã cho %s vào cuộc họp",
	txtLockOK:           "Đã khóa cuộc họp: không điểm cầu nào chưa kết nối vào được",
	txtUnlockOK:         "Đã mở khóa cuộc họp",
	txtDisconnectOK:     "Đã ngắt kết nối %s",
	txtDisconnectAsk:    "Ngắt kết nối %s? Điểm cầu sẽ không tự kết nối lại.",
	txtDisconnectReason: "theo quyết định của %s",
	txtNoKnock:          "Không có điểm cầu nào xin vào",
	txtNotConnected:     "%s không đang kết nối",
	txtDoorNotExpected:  "không có trong danh sách",
	txtDoorLocked:       "cuộc họp đang khóa",
	txtDoorDisconnected: "đã bị ngắt kết nối",
	txtRoomAbsent:       "chưa vào %d · đã rời %d",
	txtEvDisconnected:   "%s đã bị trung tâm điều khiển ngắt kết nối",
}

// roomTextEN is the English table of the room's strings.
var roomTextEN = map[rollCallKey]string{
	txtKeyRollCall:      "roll call",
	txtKeyLock:          "lock/unlock meeting",
	txtKeyAdmit:         "admit",
	txtKeyDisconnect:    "disconnect",
	txtKeyAskRollCall:   "ask for roll call",
	txtKeyAttend:        "enter attendees",
	txtActRollCall:      "take the roll call",
	txtActAdmit:         "admit a bridge point",
	txtActDisconnect:    "disconnect a bridge point",
	txtRoomCounts:       "Expected %d · connected %d · never joined %d · left %d",
	txtRoomTitle:        "Roll call — %d attendees confirmed (%d/%d bridge points)",
	txtRoomColSite:      "Bridge point",
	txtRoomColState:     "State",
	txtRoomColAttendees: "Attendees",
	txtRoomConnected:    "connected",
	txtRoomNever:        "never joined",
	txtRoomLeft:         "left",
	txtRoomDisconnected: "disconnected",
	txtRoomKnocking:     "asks to join",
	txtRoomBySite:       "confirmed by the site",
	txtRoomByTech:       "technician %s",
	txtRoomTotal:        "Total",
	txtRoomHint:         "r: ask for roll call • enter: type attendees • a: admit • X: disconnect • L: lock • esc: back",
	txtRoomHintRead:     "read only • esc: back",
	txtRoomTyping:       "Attendees at %s: %s▏ (enter: save • esc: cancel)",
	txtRoomBadNumber:    "The number of attendees must be a whole number from 0 to 10000",
	txtRoomNoMeeting:    "No live meeting",
	txtRoomLocked:       "[LOCKED]",
	txtRoomKnocks:       "%d asking to join (A)",
	txtKnockStatus:      "%s asks to join the meeting — A: admit",
	txtEvKnock:          "%s asks to join the meeting (%s)",
	txtEvAdmitted:       "%s admitted to the meeting (%s)",
	txtEvLocked:         "Meeting locked (%s)",
	txtEvUnlocked:       "Meeting unlocked (%s)",
	txtEvRollCall:       "Roll call: %s bridge points asked (%s)",
	txtEvAttendance:     "%s: %s attending (%s)",
	txtRollCallOK:       "Asked %d bridge points for the roll call",
	txtAttendanceOK:     "Recorded %s: %d attending",
	txtAdmitOK:          "Admitted %s to the meeting",
	txtLockOK:           "Meeting locked: no bridge point that is not connected can join",
	txtUnlockOK:         "Meeting unlocked",
	txtDisconnectOK:     "Disconnected %s",
	txtDisconnectAsk:    "Disconnect %s? The bridge point will not reconnect by itself.",
	txtDisconnectReason: "by decision of %s",
	txtNoKnock:          "No bridge point is asking to join",
	txtNotConnected:     "%s is not connected",
	txtDoorNotExpected:  "not on the list",
	txtDoorLocked:       "the meeting is locked",
	txtDoorDisconnected: "was disconnected",
	txtRoomAbsent:       "never joined %d · left %d",
	txtEvDisconnected:   "%s was disconnected by the control center",
}
