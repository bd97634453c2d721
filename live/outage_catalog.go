package live

import "diemcau/i18n"

// The outage tracker's strings: the incident drafts it writes and the note it adds when a
// bridge point is back. Keys of draftText.
const (
	draftDrop       = "outage.drop"
	draftSilentLink = "outage.silentLink"
	draftPoor       = "outage.poor"
	draftBackAfter  = "outage.backAfter"
	draftRestart    = "outage.restart"
	draftNoAudio    = "outage.noAudio"
	draftNoVideo    = "outage.noVideo"
)

// draftText formats the tracker's string key in lang (Vietnamese unless "en") with args.
func draftText(lang, key string, args ...any) string {
	return draftCatalog.Text(lang, key, args...)
}

// draftCatalog holds the tracker's strings in both languages.
var draftCatalog = i18n.New[string]("live/outage").Add(draftTextVI, draftTextEN)

// draftTextVI is the Vietnamese text (the default).
var draftTextVI = map[string]string{
	draftDrop:       "Điểm cầu mất kết nối (tự động ghi nhận)",
	draftSilentLink: "Không nhận được tín hiệu từ điểm cầu quá %d giây (tự động ghi nhận)",
	draftPoor:       "Chất lượng đường truyền kém liên tục %d giây: mất gói %.1f %%, jitter %.0f ms, RTT %.0f ms, mức %s (tự động ghi nhận)",
	draftBackAfter:  "Đã kết nối lại, gián đoạn %s",
	draftRestart:    "Máy chủ khởi động lại giữa cuộc họp: điểm cầu bị gián đoạn (tự động ghi nhận)",
	draftNoAudio:    "Micro đang mở nhưng không nhận được âm thanh quá %d giây (tự động ghi nhận)",
	draftNoVideo:    "Camera đang được hiển thị nhưng không nhận được hình ảnh quá %d giây (tự động ghi nhận)",
}

// draftTextEN is the English text (--lang en).
var draftTextEN = map[string]string{
	draftDrop:       "Bridge point lost its connection (recorded automatically)",
	draftSilentLink: "No signal from the bridge point for over %d s (recorded automatically)",
	draftPoor:       "Poor link for %d s: loss %.1f %%, jitter %.0f ms, RTT %.0f ms, grade %s (recorded automatically)",
	draftBackAfter:  "Reconnected after an interruption of %s",
	draftRestart:    "The server restarted mid-meeting: bridge point interrupted (recorded automatically)",
	draftNoAudio:    "Microphone open but no audio received for over %d s (recorded automatically)",
	draftNoVideo:    "Camera on screen but no video received for over %d s (recorded automatically)",
}
