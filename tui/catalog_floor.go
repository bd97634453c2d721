package tui

// The floor's strings (speak timers, soft mute, incident list, automatic drafts, interruption
// time, meeting close). They join the catalogue at init; kept in their own file so that
// engineers adding strings to catalog.go at the same time do not collide.

// floorKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type floorKey int

func (floorKey) tuiText() {}

const (
	txtInterruption floorKey = iota
	txtDraftsPending
	txtEvDraft
	txtSoftMuteOK
	txtKeySoftMute
	txtKeyIncidents
	txtKeyCloseMeeting
	txtKeyConfirmDraft
	txtKeyDiscardDraft
	txtKeyEdit
	txtKeyBack
	txtKeyToggle
	txtKeyField
	txtIncidentsTitle
	txtIncidentsEmpty
	txtIncidentsHint
	txtStatusDraft
	txtLogClosedNoEdit
	txtDraftConfirmed
	txtDraftDiscarded
	txtNotDraft
	txtFormEditTitle
	txtCloseTitle
	txtCloseHint
	txtCloseConfirm
	txtCloseOK
	txtCloseLoading
	txtLogStatus
	txtLogNormal
	txtLogIncident
	txtLogDamaged
	txtLogCamera
	txtLogCodec
	txtLogMic
	txtLogCables
	txtLogOther
	txtLogDescription
	txtLogInterruption
	txtMeetingOver
	txtForwardedAt
)

func init() { addTexts(floorTextVI, floorTextEN) }

// floorTextVI is the Vietnamese table of the floor's strings.
var floorTextVI = map[floorKey]string{
	txtInterruption:    "Gián đoạn %s",
	txtDraftsPending:   "⚠ %d sự cố nháp (I)",
	txtEvDraft:         "⚠ Sự cố nháp #%d tại %s — I để xác nhận",
	txtSoftMuteOK:      "Đã tắt mềm micro %s",
	txtKeySoftMute:     "tắt mềm/mở mic",
	txtKeyIncidents:    "danh sách sự cố",
	txtKeyCloseMeeting: "đóng cuộc họp",
	txtKeyConfirmDraft: "xác nhận nháp",
	txtKeyDiscardDraft: "hủy nháp",
	txtKeyEdit:         "sửa",
	txtKeyBack:         "quay lại",
	txtKeyToggle:       "đổi",
	txtKeyField:        "mục",
	txtIncidentsTitle:  "Sự cố của cuộc họp (%d) — gián đoạn %s",
	txtIncidentsEmpty:  "Chưa có sự cố",
	txtIncidentsHint:   "enter: sửa • c: xác nhận nháp • x: hủy nháp • esc: quay lại",
	txtStatusDraft:     "nháp",
	txtLogClosedNoEdit: "Nhật ký đã nộp: không sửa được sự cố",
	txtDraftConfirmed:  "Đã xác nhận sự cố #%d",
	txtDraftDiscarded:  "Đã hủy sự cố nháp #%d",
	txtNotDraft:        "Sự cố #%d không phải bản nháp",
	txtFormEditTitle:   "Sửa sự cố #%d",
	txtCloseTitle:      "Đóng cuộc họp — nhật ký (Phụ lục II)",
	txtCloseHint:       "↑↓: điểm cầu • ←/→: mục • space: đổi • enter: sửa mô tả • ctrl+s: đóng • esc: hủy",
	txtCloseConfirm:    "Đóng nhật ký %d điểm cầu và kết thúc cuộc họp?",
	txtCloseOK:         "Đã đóng nhật ký và kết thúc cuộc họp",
	txtCloseLoading:    "Đang chuẩn bị nhật ký…",
	txtLogStatus:       "Tình trạng",
	txtLogNormal:       "bình thường",
	txtLogIncident:     "sự cố",
	txtLogDamaged:      "hư hỏng",
	txtLogCamera:       "Camera",
	txtLogCodec:        "Bộ kết nối",
	txtLogMic:          "Micro",
	txtLogCables:       "Adapter, cáp",
	txtLogOther:        "Khác",
	txtLogDescription:  "Mô tả sự cố",
	txtLogInterruption: "Gián đoạn",
	txtMeetingOver:     "Cuộc họp đã kết thúc",
	txtForwardedAt:     "→%s",
}

// floorTextEN is the English table of the floor's strings.
var floorTextEN = map[floorKey]string{
	txtInterruption:    "Interrupted %s",
	txtDraftsPending:   "⚠ draft incidents: %d (I)",
	txtEvDraft:         "⚠ Draft incident #%d at %s — I to confirm",
	txtSoftMuteOK:      "Soft-muted %s",
	txtKeySoftMute:     "soft mute/unmute",
	txtKeyIncidents:    "incident list",
	txtKeyCloseMeeting: "close meeting",
	txtKeyConfirmDraft: "confirm draft",
	txtKeyDiscardDraft: "discard draft",
	txtKeyEdit:         "edit",
	txtKeyBack:         "back",
	txtKeyToggle:       "toggle",
	txtKeyField:        "item",
	txtIncidentsTitle:  "Incidents of the meeting (%d) — interrupted %s",
	txtIncidentsEmpty:  "No incidents",
	txtIncidentsHint:   "enter: edit • c: confirm draft • x: discard draft • esc: back",
	txtStatusDraft:     "draft",
	txtLogClosedNoEdit: "The log is submitted: incidents can no longer be changed",
	txtDraftConfirmed:  "Confirmed incident #%d",
	txtDraftDiscarded:  "Discarded draft incident #%d",
	txtNotDraft:        "Incident #%d is not a draft",
	txtFormEditTitle:   "Edit incident #%d",
	txtCloseTitle:      "Close the meeting — log (Appendix II)",
	txtCloseHint:       "↑↓: bridge point • ←/→: item • space: toggle • enter: edit text • ctrl+s: close • esc: cancel",
	txtCloseConfirm:    "Close the log of %d bridge points and end the meeting?",
	txtCloseOK:         "Log closed, meeting ended",
	txtCloseLoading:    "Preparing the log…",
	txtLogStatus:       "Status",
	txtLogNormal:       "normal",
	txtLogIncident:     "incident",
	txtLogDamaged:      "damaged",
	txtLogCamera:       "Camera",
	txtLogCodec:        "Codec",
	txtLogMic:          "Microphone",
	txtLogCables:       "Adapter, cables",
	txtLogOther:        "Other",
	txtLogDescription:  "Incident description",
	txtLogInterruption: "Interruption",
	txtMeetingOver:     "The meeting has ended",
	txtForwardedAt:     "→%s",
}
