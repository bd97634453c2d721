package meeting

// scaleText is the catalogue of bookings at province scale: concurrent edits, groups, the
// calendar kept in the store and the roster's summary. It joins bookingText at init.
var scaleText = map[string]map[string]string{
	"vi": {
		"stale":       "đăng ký #%d đã được %s sửa lúc %s, sau khi anh/chị mở nó; không ghi gì. Những gì đã đổi:",
		"staleChange": "%s: «%s» → «%s»",
		"staleSame":   "(không mục nào khác bản anh/chị đang sửa)",
		"staleHint":   "Mở lại đăng ký để thấy bản mới rồi sửa tiếp.",
		"form.date":   "Ngày ghi trên phiếu",

		"tech.summary":     "Cảnh báo (Điều 6.6): %d/%d đơn vị chưa có đủ %d cán bộ kỹ thuật đã tập huấn (%d đơn vị chưa có ai, %d đơn vị có 1).",
		"tech.verboseHint": "Thêm --verbose để xem danh sách.",
		"tech.addRefused":  "không thêm cán bộ kỹ thuật, không ghi gì:",
		"tech.flag":        "--%s: %s",
		"tech.exists":      "đơn vị %s đã có cán bộ kỹ thuật «%s» (#%d) trong danh sách",
	},
	"en": {
		"stale":       "booking #%d was edited by %s at %s, after you opened it; nothing was written. What changed:",
		"staleChange": "%s: «%s» → «%s»",
		"staleSame":   "(nothing that differs from the copy you are editing)",
		"staleHint":   "Open the booking again to see the new version, then edit it.",
		"form.date":   "Date on the form",

		"tech.summary":     "Warning (Article 6.6): %d of %d units have fewer than %d trained technicians (%d with none, %d with one).",
		"tech.verboseHint": "Add --verbose for the list.",
		"tech.addRefused":  "the technician was not added; nothing was written:",
		"tech.flag":        "--%s: %s",
		"tech.exists":      "unit %s already has technician «%s» (#%d) on the roster",
	},
}

func init() {
	for lang, table := range scaleText {
		for k, s := range table {
			bookingText[lang][k] = s
		}
	}
}
