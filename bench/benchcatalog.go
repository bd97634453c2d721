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
	blSIPSites
	blSIPIn
	blDial
	blUSPerMix
	blAllCPU
	blRSSPerSIP
	blSIPLoss
	blSIPVideo
	blMixLatency
	blSamples
	blSIPNote
	blVideoPPS
	blSIPMix
	blOf50
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
	blSIPSites:       "Điểm cầu SIP",
	blSIPIn:          "đã vào",
	blDial:           "Thời gian gọi vào p50 / p99",
	blUSPerMix:       "CPU mỗi luồng trộn (20 ms, 1 thiết bị)",
	blAllCPU:         "toàn bộ CPU",
	blRSSPerSIP:      "Bộ nhớ MCU mỗi điểm cầu SIP",
	blSIPLoss:        "Mất gói tại thiết bị SIP",
	blSIPVideo:       "Cuộc gọi SIP có hình H.264",
	blMixLatency:     "Độ trễ trộn p50 / p99",
	blSamples:        "mẫu",
	blVideoPPS:       "gói hình/s nhận mỗi thiết bị",
	blSIPMix:         "Gói âm trộn/s mỗi thiết bị SIP",
	blOf50:           "trên 50 (MCU kịp thì đủ 50)",
	blSIPNote: "SIP: thời gian gọi vào tính từ INVITE đến gói âm thanh trộn đầu tiên; CPU mỗi luồng trộn là phần CPU tăng thêm " +
		"so với lúc chỉ có điểm cầu WebRTC, chia cho số thiết bị × số nhịp 20 ms; độ trễ trộn tính từ lúc một thiết bị SIP " +
		"gửi khung đầu của tiếng đánh dấu (đổi tần số 1 → 2,5 kHz) đến lúc thiết bị SIP khác giải mã được nó trong âm trộn.",
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
	blSIPSites:       "SIP sites",
	blSIPIn:          "in",
	blDial:           "Dial time p50 / p99",
	blUSPerMix:       "CPU per mixed stream (20 ms, 1 terminal)",
	blAllCPU:         "all CPU",
	blRSSPerSIP:      "MCU memory per SIP site",
	blSIPLoss:        "Loss at the SIP sites",
	blSIPVideo:       "SIP calls with H.264 video",
	blMixLatency:     "Mix latency p50 / p99",
	blSamples:        "samples",
	blVideoPPS:       "picture packets/s received each",
	blSIPMix:         "Mix packets/s per SIP site",
	blOf50:           "of 50 (all 50 when the MCU keeps up)",
	blSIPNote: "SIP: dial time is from the INVITE to the first packet of the mix; CPU per mixed stream is the CPU above the " +
		"WebRTC-only reading, over terminals × 20 ms ticks; mix latency is from one SIP site sending the first frame of " +
		"its marker tone (1 → 2.5 kHz) to another SIP site decoding it in its mix.",
}

// benchLabels returns the table strings of lang, Vietnamese by default.
func benchLabels(lang string) map[benchLabel]string { return benchText.Table(lang) }
