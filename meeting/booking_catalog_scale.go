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

		"group.communesWards": "tất cả xã, phường",
		"group.communes":      "tất cả xã",
		"group.wards":         "tất cả phường",
		"group.agencies":      "các sở, ban, ngành",
		"group.all":           "toàn bộ danh mục",
		"group.refused":       "nhóm điểm cầu không được ghi, không ghi gì:",
		"group.badID":         "mã nhóm %q không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang, tối đa 40 ký tự",
		"group.builtinID":     "%q là nhóm có sẵn, không đặt trùng được",
		"group.noSites":       "nhóm cần ít nhất một điểm cầu",
		"group.twice":         "nhóm %q đã có ở dòng %d",
		"group.exists":        "đã có nhóm %q; dùng group edit để sửa",
		"group.notFound":      "không có nhóm %q",
		"group.header":        "dòng đầu phải là group_id,group_name,bridge_point",
		"group.columns":       "cần 3 cột, có %d",
		"group.twoNames":      "nhóm %q đã mang tên «%s» ở dòng %d",
		"group.builtin":       "có sẵn",
		"group.saved":         "Đã ghi nhóm %s «%s»: %d điểm cầu.\n",
		"group.imported":      "Đã nhập từ %s: %d nhóm.\n",
		"group.listHead":      "Mã\tTên\tSố điểm cầu\tLoại",
		"group.user":          "người dùng",
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

		"group.communesWards": "every commune and ward",
		"group.communes":      "every commune",
		"group.wards":         "every ward",
		"group.agencies":      "the departments, boards and agencies",
		"group.all":           "the whole registry",
		"group.refused":       "the group was not saved; nothing was written:",
		"group.badID":         "group id %q is not valid: lower-case letters without diacritics, digits and dashes, at most 40",
		"group.builtinID":     "%q is a built-in group; choose another id",
		"group.noSites":       "a group needs at least one bridge point",
		"group.twice":         "group %q is already on line %d",
		"group.exists":        "group %q already exists; use group edit to change it",
		"group.notFound":      "no group %q",
		"group.header":        "the first line must be group_id,group_name,bridge_point",
		"group.columns":       "need 3 fields, got %d",
		"group.twoNames":      "group %q is already named «%s» on line %d",
		"group.builtin":       "built in",
		"group.saved":         "Group %s «%s» saved: %d bridge points.\n",
		"group.imported":      "Imported from %s: %d groups.\n",
		"group.listHead":      "ID\tName\tSites\tKind",
		"group.user":          "user",
	},
}

func init() {
	for lang, table := range scaleText {
		for k, s := range table {
			bookingText[lang][k] = s
		}
	}
}
