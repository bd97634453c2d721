package tui

import "diemcau/i18n"

// textKey names one user-facing string of the console. Each catalogue file declares a key type
// of its own (consoleKey here, floorKey in catalog_floor.go, …) with the tuiText method, so two
// files cannot define the same key and no file picks a numeric range.
type textKey interface{ tuiText() }

// consoleKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type consoleKey int

func (consoleKey) tuiText() {}

const (
	txtNoConference consoleKey = iota
	txtHost
	txtChair
	txtElapsed
	txtConnected
	txtMutedCount
	txtSpeaker
	txtNone
	txtPanelBridgePoints
	txtPanelQueue
	txtPanelEvents
	txtColName
	txtColState
	txtColMic
	txtColLevel
	txtColLoss
	txtColJitter
	txtColRTT
	txtColKbps
	txtColRes
	txtVideoPaused
	txtStateConnected
	txtStateDisconnected
	txtStateNever
	txtMicOpen
	txtMicSoft
	txtMicHard
	txtSortRegistry
	txtSortName
	txtSortLoss
	txtSortLevel
	txtSortLabel
	txtCamerasPaused
	txtFilterPrompt
	txtFilterLabel
	txtNoRows
	txtQueueEmpty
	txtQueueWaiting
	txtQueueForwarded
	txtQueueGranted
	txtQueueDone
	txtQueueDismissed
	txtEventsEmpty
	txtEvJoined
	txtEvLeft
	txtEvMuted
	txtEvUnmuted
	txtEvSpeakRequest
	txtEvSpeakCancel
	txtEvSpeakUpdate
	txtEvFloorGranted
	txtEvFloorRevoked
	txtEvSpeaker
	txtEvIncident
	txtEvConferenceEnd
	txtEvIncidentSaved
	txtMuteOK
	txtUnmuteOK
	txtMuteAllOK
	txtGrantOK
	txtRevokeOK
	txtForwardOK
	txtDismissOK
	txtIncidentOK
	txtCommandFailed
	txtNothingSelected
	txtNoStore
	txtConfirmQuit
	txtConfirmMuteAll
	txtConfirmYesNo
	txtFormTitle
	txtFieldBridgePoint
	txtFieldKind
	txtFieldDescription
	txtFieldStarted
	txtFieldEnded
	txtFieldAction
	txtFieldReporter
	txtFieldStatus
	txtFormHint
	txtErrEmpty
	txtErrTime
	txtErrUnknownBP
	txtErrEndBeforeStart
	txtErrEndNeeded
	txtKindLine
	txtKindAudio
	txtKindVideo
	txtKindPower
	txtKindDevice
	txtKindOther
	txtStatusOpen
	txtStatusResolved
	txtKeyMove
	txtKeyUp
	txtKeyDown
	txtKeyPageUp
	txtKeyPageDown
	txtKeyHome
	txtKeyEnd
	txtKeyTab
	txtKeyMute
	txtKeyMuteAll
	txtKeyGrant
	txtKeyRevoke
	txtKeyForward
	txtKeyDismiss
	txtKeyIncident
	txtKeyFilter
	txtKeySort
	txtKeyHelp
	txtKeyQuit
	txtKeyNextField
	txtKeyPrevField
	txtKeySave
	txtKeyCancel
	txtKeyCycle
	txtKeyYes
	txtKeyNo
	txtKeyApply
	txtKeyRaiseHand
	txtRoleControl
	txtRoleHost
	txtRoleOperator
	txtRoleViewer
	txtRefused
	txtRefusedOther
	txtActEditIncident
	txtHandRaised
	txtHandLowered
	txtHardMutedSelf
	txtNotInMeeting
)

// catalogue holds every user-facing string of the console in both languages; each catalogue
// file adds its tables at init with addTexts.
var catalogue = i18n.New[textKey]("tui")

func init() { addTexts(textVI, textEN) }

// text returns the string for k in lang (Vietnamese when lang is unknown), formatted with args.
func text(lang string, k textKey, args ...any) string { return catalogue.Text(lang, k, args...) }

// textVI is the Vietnamese table, the default.
var textVI = map[consoleKey]string{
	txtKeyRaiseHand:      "xin/hủy phát biểu",
	txtRoleControl:       "Trung tâm điều khiển",
	txtRoleHost:          "Điểm cầu chính",
	txtRoleOperator:      "Vận hành %s",
	txtRoleViewer:        "Chỉ xem",
	txtRefused:           "Không được phép (%s): %s",
	txtRefusedOther:      "Chỉ được %s cho điểm cầu của mình (%s)",
	txtActEditIncident:   "sửa, xác nhận hoặc hủy sự cố",
	txtHandRaised:        "Đã xin phát biểu cho %s",
	txtHandLowered:       "Đã hủy xin phát biểu của %s",
	txtHardMutedSelf:     "%s đang bị tắt mic cứng; chỉ Trung tâm điều khiển mở được",
	txtNotInMeeting:      "%s chưa tham gia cuộc họp này",
	txtNoConference:      "Không có cuộc họp %q đang diễn ra",
	txtHost:              "Chủ trì",
	txtChair:             "Chủ tọa",
	txtElapsed:           "Thời gian",
	txtConnected:         "Kết nối %d/%d",
	txtMutedCount:        "Tắt mic %d",
	txtSpeaker:           "Phát biểu",
	txtNone:              "—",
	txtPanelBridgePoints: "Điểm cầu",
	txtPanelQueue:        "Xin phát biểu",
	txtPanelEvents:       "Sự kiện",
	txtColName:           "Tên điểm cầu",
	txtColState:          "Trạng thái",
	txtColMic:            "Micro",
	txtColLevel:          "Âm lượng",
	txtColLoss:           "Mất%",
	txtColJitter:         "Jit",
	txtColRTT:            "RTT",
	txtColKbps:           "kbps",
	txtColRes:            "Độ phân giải",
	txtVideoPaused:       "tạm dừng",
	txtStateConnected:    "kết nối",
	txtStateDisconnected: "mất kết nối",
	txtStateNever:        "chưa vào",
	txtMicOpen:           "mở",
	txtMicSoft:           "tắt mềm",
	txtMicHard:           "tắt cứng",
	txtSortRegistry:      "danh sách",
	txtSortName:          "tên",
	txtSortLoss:          "mất gói",
	txtSortLevel:         "âm lượng",
	txtSortLabel:         "xếp theo %s",
	txtCamerasPaused:     "%d camera tạm dừng",
	txtFilterPrompt:      "Lọc: ",
	txtFilterLabel:       "lọc “%s”",
	txtNoRows:            "Không có điểm cầu nào khớp",
	txtQueueEmpty:        "Chưa có yêu cầu",
	txtQueueWaiting:      "chờ",
	txtQueueForwarded:    "đã chuyển",
	txtQueueGranted:      "đang nói",
	txtQueueDone:         "đã xong",
	txtQueueDismissed:    "đã bỏ",
	txtEventsEmpty:       "Chưa có sự kiện",
	txtEvJoined:          "%s đã kết nối",
	txtEvLeft:            "%s mất kết nối (%s)",
	txtEvMuted:           "%s bị tắt micro (%s) bởi %s",
	txtEvUnmuted:         "%s được mở micro bởi %s",
	txtEvSpeakRequest:    "%s xin phát biểu",
	txtEvSpeakCancel:     "%s rút yêu cầu phát biểu",
	txtEvSpeakUpdate:     "Yêu cầu của %s: %s (%s)",
	txtEvFloorGranted:    "%s được phát biểu",
	txtEvFloorRevoked:    "%s kết thúc phát biểu",
	txtEvSpeaker:         "Hình người nói: %s",
	txtEvIncident:        "Sự cố tại %s: %s",
	txtEvConferenceEnd:   "Cuộc họp đã kết thúc",
	txtEvIncidentSaved:   "Đã ghi sự cố #%d tại %s",
	txtMuteOK:            "Đã tắt micro %s",
	txtUnmuteOK:          "Đã mở micro %s",
	txtMuteAllOK:         "Đã tắt micro %d điểm cầu",
	txtGrantOK:           "Đã cho %s phát biểu",
	txtRevokeOK:          "Đã kết thúc phát biểu của %s",
	txtForwardOK:         "Đã chuyển yêu cầu của %s tới chủ tọa",
	txtDismissOK:         "Đã bỏ yêu cầu của %s",
	txtIncidentOK:        "Đã lưu sự cố #%d",
	txtCommandFailed:     "Lỗi: %s",
	txtNothingSelected:   "Chưa chọn mục nào",
	txtNoStore:           "không có kho nhật ký",
	txtConfirmQuit:       "Cuộc họp đang diễn ra. Thoát?",
	txtConfirmMuteAll:    "Tắt micro %d điểm cầu phụ? (điểm cầu chính vẫn mở)",
	txtConfirmYesNo:      "(y/n)",
	txtFormTitle:         "Ghi sự cố",
	txtFieldBridgePoint:  "Điểm cầu",
	txtFieldKind:         "Loại",
	txtFieldDescription:  "Mô tả",
	txtFieldStarted:      "Bắt đầu",
	txtFieldEnded:        "Kết thúc",
	txtFieldAction:       "Xử lý",
	txtFieldReporter:     "Người báo",
	txtFieldStatus:       "Trạng thái",
	txtFormHint:          "tab/shift+tab: chuyển ô • ←/→: đổi lựa chọn • ctrl+s: lưu • esc: hủy",
	txtErrEmpty:          "%s: không được để trống",
	txtErrTime:           "%s: giờ không hợp lệ, dùng HH:MM hoặc YYYY-MM-DD HH:MM",
	txtErrUnknownBP:      "%s: %q không có trong cuộc họp",
	txtErrEndBeforeStart: "%s: phải sau giờ bắt đầu",
	txtErrEndNeeded:      "%s: cần nhập khi sự cố đã khắc phục",
	txtKindLine:          "đường truyền",
	txtKindAudio:         "âm thanh",
	txtKindVideo:         "hình ảnh",
	txtKindPower:         "nguồn điện",
	txtKindDevice:        "thiết bị",
	txtKindOther:         "khác",
	txtStatusOpen:        "đang xử lý",
	txtStatusResolved:    "đã khắc phục",
	txtKeyMove:           "di chuyển",
	txtKeyUp:             "lên",
	txtKeyDown:           "xuống",
	txtKeyPageUp:         "trang trước",
	txtKeyPageDown:       "trang sau",
	txtKeyHome:           "đầu",
	txtKeyEnd:            "cuối",
	txtKeyTab:            "đổi khung",
	txtKeyMute:           "tắt/mở mic",
	txtKeyMuteAll:        "tắt mic tất cả",
	txtKeyGrant:          "cho phát biểu",
	txtKeyRevoke:         "kết thúc",
	txtKeyForward:        "chuyển chủ tọa",
	txtKeyDismiss:        "bỏ qua",
	txtKeyIncident:       "ghi sự cố",
	txtKeyFilter:         "lọc",
	txtKeySort:           "sắp xếp",
	txtKeyHelp:           "trợ giúp",
	txtKeyQuit:           "thoát",
	txtKeyNextField:      "ô sau",
	txtKeyPrevField:      "ô trước",
	txtKeySave:           "lưu",
	txtKeyCancel:         "hủy",
	txtKeyCycle:          "đổi lựa chọn",
	txtKeyYes:            "đồng ý",
	txtKeyNo:             "không",
	txtKeyApply:          "áp dụng",
}

// textEN is the English table (--lang en).
var textEN = map[consoleKey]string{
	txtKeyRaiseHand:      "raise/lower hand",
	txtRoleControl:       "Control center",
	txtRoleHost:          "Main bridge point",
	txtRoleOperator:      "Operator %s",
	txtRoleViewer:        "Viewer",
	txtRefused:           "Not allowed (%s): %s",
	txtRefusedOther:      "You may %s only for your own bridge point (%s)",
	txtActEditIncident:   "edit, confirm or discard incidents",
	txtHandRaised:        "Asked to speak for %s",
	txtHandLowered:       "Withdrew the request to speak of %s",
	txtHardMutedSelf:     "%s is hard-muted; only the control center can unmute it",
	txtNotInMeeting:      "%s has not joined this meeting",
	txtNoConference:      "No live meeting %q",
	txtHost:              "Host",
	txtChair:             "Chair",
	txtElapsed:           "Elapsed",
	txtConnected:         "Connected %d/%d",
	txtMutedCount:        "Muted %d",
	txtSpeaker:           "Speaker",
	txtNone:              "—",
	txtPanelBridgePoints: "Bridge points",
	txtPanelQueue:        "Speak requests",
	txtPanelEvents:       "Events",
	txtColName:           "Bridge point",
	txtColState:          "State",
	txtColMic:            "Mic",
	txtColLevel:          "Level",
	txtColLoss:           "Loss%",
	txtColJitter:         "Jit",
	txtColRTT:            "RTT",
	txtColKbps:           "kbps",
	txtColRes:            "Resolution",
	txtVideoPaused:       "paused",
	txtStateConnected:    "connected",
	txtStateDisconnected: "disconnected",
	txtStateNever:        "never joined",
	txtMicOpen:           "open",
	txtMicSoft:           "soft",
	txtMicHard:           "hard",
	txtSortRegistry:      "registry",
	txtSortName:          "name",
	txtSortLoss:          "loss",
	txtSortLevel:         "level",
	txtSortLabel:         "sorted by %s",
	txtCamerasPaused:     "%d cameras paused",
	txtFilterPrompt:      "Filter: ",
	txtFilterLabel:       "filter “%s”",
	txtNoRows:            "No bridge point matches",
	txtQueueEmpty:        "No requests",
	txtQueueWaiting:      "waiting",
	txtQueueForwarded:    "forwarded",
	txtQueueGranted:      "speaking",
	txtQueueDone:         "done",
	txtQueueDismissed:    "dismissed",
	txtEventsEmpty:       "No events yet",
	txtEvJoined:          "%s connected",
	txtEvLeft:            "%s disconnected (%s)",
	txtEvMuted:           "%s muted (%s) by %s",
	txtEvUnmuted:         "%s unmuted by %s",
	txtEvSpeakRequest:    "%s asks to speak",
	txtEvSpeakCancel:     "%s withdrew the request",
	txtEvSpeakUpdate:     "Request of %s: %s (%s)",
	txtEvFloorGranted:    "%s has the floor",
	txtEvFloorRevoked:    "%s finished speaking",
	txtEvSpeaker:         "Speaker picture: %s",
	txtEvIncident:        "Incident at %s: %s",
	txtEvConferenceEnd:   "The meeting has ended",
	txtEvIncidentSaved:   "Incident #%d recorded at %s",
	txtMuteOK:            "Muted %s",
	txtUnmuteOK:          "Unmuted %s",
	txtMuteAllOK:         "Muted %d bridge points",
	txtGrantOK:           "%s has the floor",
	txtRevokeOK:          "Ended the floor of %s",
	txtForwardOK:         "Forwarded the request of %s to the chair",
	txtDismissOK:         "Dismissed the request of %s",
	txtIncidentOK:        "Saved incident #%d",
	txtCommandFailed:     "Error: %s",
	txtNothingSelected:   "Nothing selected",
	txtNoStore:           "no log store",
	txtConfirmQuit:       "The meeting is live. Quit?",
	txtConfirmMuteAll:    "Mute %d sub bridge points? (the main one stays open)",
	txtConfirmYesNo:      "(y/n)",
	txtFormTitle:         "New incident",
	txtFieldBridgePoint:  "Bridge point",
	txtFieldKind:         "Kind",
	txtFieldDescription:  "Description",
	txtFieldStarted:      "Started",
	txtFieldEnded:        "Ended",
	txtFieldAction:       "Action taken",
	txtFieldReporter:     "Reported by",
	txtFieldStatus:       "Status",
	txtFormHint:          "tab/shift+tab: field • ←/→: change choice • ctrl+s: save • esc: cancel",
	txtErrEmpty:          "%s: must not be empty",
	txtErrTime:           "%s: invalid time, use HH:MM or YYYY-MM-DD HH:MM",
	txtErrUnknownBP:      "%s: %q is not in this meeting",
	txtErrEndBeforeStart: "%s: must be after the start",
	txtErrEndNeeded:      "%s: required once the incident is resolved",
	txtKindLine:          "line",
	txtKindAudio:         "audio",
	txtKindVideo:         "video",
	txtKindPower:         "power",
	txtKindDevice:        "device",
	txtKindOther:         "other",
	txtStatusOpen:        "open",
	txtStatusResolved:    "resolved",
	txtKeyMove:           "move",
	txtKeyUp:             "up",
	txtKeyDown:           "down",
	txtKeyPageUp:         "page up",
	txtKeyPageDown:       "page down",
	txtKeyHome:           "first",
	txtKeyEnd:            "last",
	txtKeyTab:            "switch panel",
	txtKeyMute:           "mute/unmute",
	txtKeyMuteAll:        "mute all",
	txtKeyGrant:          "grant floor",
	txtKeyRevoke:         "end floor",
	txtKeyForward:        "forward to chair",
	txtKeyDismiss:        "dismiss",
	txtKeyIncident:       "incident",
	txtKeyFilter:         "filter",
	txtKeySort:           "sort",
	txtKeyHelp:           "help",
	txtKeyQuit:           "quit",
	txtKeyNextField:      "next field",
	txtKeyPrevField:      "previous field",
	txtKeySave:           "save",
	txtKeyCancel:         "cancel",
	txtKeyCycle:          "change choice",
	txtKeyYes:            "yes",
	txtKeyNo:             "no",
	txtKeyApply:          "apply",
}

// fileKey is a catalogue file's own key type.
type fileKey interface {
	textKey
	comparable
}

// addTexts merges one file's tables, keyed by the file's own key type, into the catalogue.
func addTexts[K fileKey](vi, en map[K]string) {
	catalogue.Add(widen(vi), widen(en))
}

// widen is a file's table keyed by textKey.
func widen[K fileKey](table map[K]string) map[textKey]string {
	out := make(map[textKey]string, len(table))
	for k, s := range table {
		out[k] = s
	}
	return out
}
