package bench

import "diemcau/i18n"

// benchLabel names one line of the bench table.
type benchLabel int

const (
	blEndpoints benchLabel = iota
	blConnected
	blSeconds
	blMCUCPUList
	blNotPinned
	blPPSIn
	blPPSOut
	blCPU
	blUSPerPacket
	blRSS
	blPerEndpoint
	blLoss
	blJoin
	blJoinFailed
	blMuteToSilence
	blAudioAfterMute
	blBitrate
	blRequested
	blMuteNotHeard
	blBitrateNote
	blLoadCPU
	blLoadAverage
	blKernel
)

// benchText holds the bench table's strings in both languages.
var benchText = i18n.New[benchLabel]("bench").Add(benchTextVI, benchTextEN)

// benchTextVI is the Vietnamese text (the default).
var benchTextVI = map[benchLabel]string{
	blEndpoints:      "Điểm cầu",
	blConnected:      "đang kết nối",
	blSeconds:        "Thời gian đo (s)",
	blMCUCPUList:     "CPU của MCU (taskset)",
	blNotPinned:      "không ghim",
	blPPSIn:          "Gói/s vào MCU",
	blPPSOut:         "Gói/s ra khỏi MCU",
	blCPU:            "CPU của MCU",
	blUSPerPacket:    "CPU mỗi gói chuyển tiếp",
	blRSS:            "Bộ nhớ MCU (RSS)",
	blPerEndpoint:    "điểm cầu",
	blLoss:           "Mất gói tại điểm nhận",
	blJoin:           "Thời gian vào họp p50 / p99",
	blJoinFailed:     "không vào được",
	blMuteToSilence:  "Tắt tiếng → im lặng",
	blAudioAfterMute: "Gói âm thanh sau khi tắt tiếng",
	blBitrate:        "Tốc độ vào mỗi điểm cầu (đo)",
	blRequested:      "yêu cầu",
	blMuteNotHeard:   "Lưu ý: điểm cầu bị tắt tiếng không có trên khe âm thanh nào ngay trước khi tắt.",
	blBitrateNote:    "Tốc độ video là của đoạn phim mẫu 720p, gửi nguyên như đã ghi (không độn thêm); --bitrate chỉ được ghi lại.",
	blLoadCPU:        "CPU của bộ tạo tải (điểm cầu mềm)",
	blLoadAverage:    "Tải trung bình của máy (1 phút)",
	blKernel:         "trong nhân",
}

// benchTextEN is the English text (--lang en).
var benchTextEN = map[benchLabel]string{
	blEndpoints:      "Endpoints",
	blConnected:      "connected",
	blSeconds:        "Measured for (s)",
	blMCUCPUList:     "MCU CPUs (taskset)",
	blNotPinned:      "not pinned",
	blPPSIn:          "Packets/s into the MCU",
	blPPSOut:         "Packets/s out of the MCU",
	blCPU:            "MCU CPU",
	blUSPerPacket:    "CPU per forwarded packet",
	blRSS:            "MCU memory (RSS)",
	blPerEndpoint:    "endpoint",
	blLoss:           "Receiver loss",
	blJoin:           "Join time p50 / p99",
	blJoinFailed:     "failed",
	blMuteToSilence:  "Mute to silence",
	blAudioAfterMute: "Audio packets after mute",
	blBitrate:        "Inbound rate per endpoint (measured)",
	blRequested:      "requested",
	blMuteNotHeard:   "Note: the muted endpoint was on no audio slot just before the mute.",
	blBitrateNote:    "Video rate is the 720p sample clip's own, sent as recorded (no padding); --bitrate is only recorded.",
	blLoadCPU:        "Load generator CPU (soft endpoints)",
	blLoadAverage:    "Machine load average (1 min)",
	blKernel:         "in the kernel",
}

// benchLabels returns the table strings of lang, Vietnamese by default.
func benchLabels(lang string) map[benchLabel]string { return benchText.Table(lang) }
