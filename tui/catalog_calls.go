package tui

// The strings of the calls to room systems (SIP): the keys, the call states shown in the
// bridge-point table and the results of dialling and hanging up. They join the catalogue at init.

// callKey names the strings of this file: a type of its own, so no other file can define one
// of its keys.
type callKey int

func (callKey) tuiText() {}

const (
	txtKeyDial callKey = iota
	txtKeyConnectAll
	txtKeyHangUp
	txtActDial
	txtCallCalling
	txtCallRinging
	txtCallRedial
	txtCallEnded
	txtCauseBusy
	txtCauseNoAnswer
	txtCauseNotFound
	txtCauseRefused
	txtCauseCodecs
	txtCauseUnavailable
	txtCauseTimeout
	txtCauseNetwork
	txtCauseDropped
	txtCauseNoMeeting
	txtCauseError
	txtDialOK
	txtConnectAllOK
	txtHangUpOK
	txtCallFailedStatus
	txtCallSIPCode
)

var callTextVI = map[callKey]string{
	txtKeyDial:          "gọi điểm cầu",
	txtKeyConnectAll:    "gọi tất cả",
	txtKeyHangUp:        "gác máy",
	txtActDial:          "gọi hoặc gác máy thiết bị SIP",
	txtCallCalling:      "đang gọi",
	txtCallRinging:      "đổ chuông",
	txtCallRedial:       "gọi lại %d/%d",
	txtCallEnded:        "đã gác máy",
	txtCauseBusy:        "máy bận",
	txtCauseNoAnswer:    "không nghe",
	txtCauseNotFound:    "sai địa chỉ",
	txtCauseRefused:     "bị từ chối",
	txtCauseCodecs:      "lệch codec",
	txtCauseUnavailable: "không sẵn sàng",
	txtCauseTimeout:     "quá thời gian",
	txtCauseNetwork:     "lỗi mạng",
	txtCauseDropped:     "rớt cuộc gọi",
	txtCauseNoMeeting:   "ngoài cuộc họp",
	txtCauseError:       "lỗi cuộc gọi",
	txtDialOK:           "Đang gọi %s",
	txtConnectAllOK:     "Đang gọi %d điểm cầu SIP chưa kết nối",
	txtHangUpOK:         "Đã gác máy %s",
	txtCallFailedStatus: "Cuộc gọi %s không thành: %s%s — p hoặc enter: gọi lại",
	txtCallSIPCode:      " (SIP %d)",
}

var callTextEN = map[callKey]string{
	txtKeyDial:          "call site",
	txtKeyConnectAll:    "call all",
	txtKeyHangUp:        "hang up",
	txtActDial:          "call or hang up a SIP room system",
	txtCallCalling:      "calling",
	txtCallRinging:      "ringing",
	txtCallRedial:       "redial %d/%d",
	txtCallEnded:        "hung up",
	txtCauseBusy:        "busy",
	txtCauseNoAnswer:    "no answer",
	txtCauseNotFound:    "not found",
	txtCauseRefused:     "refused",
	txtCauseCodecs:      "no codec",
	txtCauseUnavailable: "unavailable",
	txtCauseTimeout:     "timed out",
	txtCauseNetwork:     "network error",
	txtCauseDropped:     "dropped",
	txtCauseNoMeeting:   "no meeting",
	txtCauseError:       "call error",
	txtDialOK:           "Calling %s",
	txtConnectAllOK:     "Calling %d SIP bridge points not connected",
	txtHangUpOK:         "Hung up %s",
	txtCallFailedStatus: "The call to %s failed: %s%s — p or enter: call again",
	txtCallSIPCode:      " (SIP %d)",
}

func init() { addTexts(callTextVI, callTextEN) }

// causeKeys name a failed call's cause (mcu.CallState.Cause) in plain words.
var causeKeys = map[string]callKey{
	"busy": txtCauseBusy, "no_answer": txtCauseNoAnswer, "not_found": txtCauseNotFound,
	"refused": txtCauseRefused, "codecs": txtCauseCodecs, "unavailable": txtCauseUnavailable,
	"timeout": txtCauseTimeout, "network": txtCauseNetwork, "dropped": txtCauseDropped,
	"no_meeting": txtCauseNoMeeting, "error": txtCauseError,
}

// callLabelKeys are the labels callLabel may give but the redial's, for the width of the state column.
var callLabelKeys = []textKey{txtCallCalling, txtCallRinging, txtCallEnded, txtCauseBusy,
	txtCauseNoAnswer, txtCauseNotFound, txtCauseRefused, txtCauseCodecs, txtCauseUnavailable, txtCauseTimeout,
	txtCauseNetwork, txtCauseDropped, txtCauseNoMeeting, txtCauseError}
