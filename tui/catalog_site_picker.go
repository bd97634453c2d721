package tui

// The site picker's strings: choosing bridge points from the registry, whole groups at a
// time, with attendees and contact per site. They join the catalogue at init.

// sitePickerKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type sitePickerKey int

func (sitePickerKey) tuiText() {}

const (
	txtSpTitle sitePickerKey = iota
	txtSpFilterHint
	txtSpHint
	txtSpGroupsTitle
	txtSpGroupsHint
	txtSpTableTitle
	txtSpTableHint
	txtSpColSite
	txtSpColAttendees
	txtSpColContact
	txtSpColPhone
	txtSpNone
	txtSpNoMatch
	txtSpBadAttendees
	txtSpUnknown
	txtSpGroupAdded
	txtSpGroupRemoved
	txtBfPointsSummary
	txtBfPointsOpen
	txtBfCalendarHead
	txtTsChanged
	txtTsUnchanged
	txtTsOverwrite
	txtSpHintSave
	txtSpSaveHint
	txtSpSaveTitle
	txtSpGroupName
	txtSpGroupID
	txtSpGroupSaved
)

func init() { addTexts(sitePickerTextVI, sitePickerTextEN) }

// sitePickerTextVI is the Vietnamese table of the site picker's strings.
var sitePickerTextVI = map[sitePickerKey]string{
	txtSpTitle:         "Chọn điểm cầu — đã chọn %d/%d · %d người",
	txtSpFilterHint:    "/: lọc theo tên hoặc mã (không phân biệt dấu, «Xã Ia Grai» cũng được)",
	txtSpHint:          "space: chọn/bỏ · /: lọc · g: thêm cả nhóm · a: chọn/bỏ cả danh sách đang hiện · tab: số người, đầu mối · enter: xong · esc: bỏ",
	txtSpGroupsTitle:   "Thêm cả nhóm điểm cầu",
	txtSpGroupsHint:    "↑/↓: chọn nhóm · enter: thêm cả nhóm · backspace: bỏ cả nhóm · esc: quay lại",
	txtSpTableTitle:    "Số người và đầu mối của %d điểm cầu đã chọn",
	txtSpTableHint:     "↑/↓: điểm cầu · tab/shift+tab: ô · gõ để sửa · delete: bỏ điểm cầu · esc: về danh mục · enter: xong",
	txtSpColSite:       "Điểm cầu",
	txtSpColAttendees:  "Số người",
	txtSpColContact:    "Đầu mối",
	txtSpColPhone:      "Điện thoại",
	txtSpNone:          "Chưa chọn điểm cầu nào: space để chọn, g để thêm cả nhóm.",
	txtSpNoMatch:       "Không điểm cầu nào khớp «%s».",
	txtSpBadAttendees:  "số người «%s» của %s không phải là số",
	txtSpUnknown:       "(không có trong danh mục)",
	txtSpGroupAdded:    "Đã thêm nhóm «%s»: %d điểm cầu mới.",
	txtSpGroupRemoved:  "Đã bỏ nhóm «%s»: %d điểm cầu.",
	txtBfPointsSummary: "%d điểm cầu nhánh · %d người",
	txtBfPointsOpen:    "enter: chọn từ danh mục (cả nhóm, lọc theo tên)",
	txtBfCalendarHead:  "Lịch làm việc chưa chắc chắn cho các hạn của cuộc họp, chưa ghi gì:",
	txtTsChanged:       "so với lần lưu lúc %s: %s",
	txtTsUnchanged:     "không mục nào khác lần lưu lúc %s",
	txtTsOverwrite:     "%s đã ĐẠT; lưu bây giờ sẽ thành CHƯA ĐẠT (%s). Nhấn enter lần nữa để vẫn lưu.",
	txtSpHintSave:      "space: chọn/bỏ · /: lọc · g: thêm cả nhóm · a: chọn/bỏ cả danh sách · s: lưu thành nhóm · tab: số người, đầu mối · enter: xong · esc: bỏ",
	txtSpSaveHint:      "tab: chuyển ô · enter: lưu nhóm (ghi nhật ký; mã đã có thì sửa nhóm đó) · esc: quay lại",
	txtSpSaveTitle:     "Lưu %d điểm cầu đang chọn thành nhóm",
	txtSpGroupName:     "Tên nhóm",
	txtSpGroupID:       "Mã nhóm (chữ thường không dấu, số, -)",
	txtSpGroupSaved:    "Đã lưu nhóm «%s» (%s): %d điểm cầu.",
}

// sitePickerTextEN is the English table of the site picker's strings.
var sitePickerTextEN = map[sitePickerKey]string{
	txtSpTitle:         "Choose bridge points — %d of %d chosen · %d attendees",
	txtSpFilterHint:    "/: filter by name or id (diacritics ignored, «Xã Ia Grai» works too)",
	txtSpHint:          "space: choose/drop · /: filter · g: add a whole group · a: choose/drop all shown · tab: attendees, contacts · enter: done · esc: cancel",
	txtSpGroupsTitle:   "Add a whole group of bridge points",
	txtSpGroupsHint:    "↑/↓: group · enter: add the whole group · backspace: drop the whole group · esc: back",
	txtSpTableTitle:    "Attendees and contacts of the %d bridge points chosen",
	txtSpTableHint:     "↑/↓: site · tab/shift+tab: cell · type to edit · delete: drop the site · esc: back to the registry · enter: done",
	txtSpColSite:       "Bridge point",
	txtSpColAttendees:  "Attendees",
	txtSpColContact:    "Contact",
	txtSpColPhone:      "Phone",
	txtSpNone:          "No bridge point chosen yet: space chooses one, g adds a whole group.",
	txtSpNoMatch:       "No bridge point matches «%s».",
	txtSpBadAttendees:  "attendees «%s» of %s is not a number",
	txtSpUnknown:       "(not in the registry)",
	txtSpGroupAdded:    "Group «%s» added: %d new bridge points.",
	txtSpGroupRemoved:  "Group «%s» dropped: %d bridge points.",
	txtBfPointsSummary: "%d sub bridge points · %d attendees",
	txtBfPointsOpen:    "enter: choose from the registry (whole groups, filter by name)",
	txtBfCalendarHead:  "The working-day calendar is not certain for this meeting's deadlines; nothing was written:",
	txtTsChanged:       "since the save at %s: %s",
	txtTsUnchanged:     "nothing differs from the save at %s",
	txtTsOverwrite:     "%s PASSED; saving now makes it FAILED (%s). Press enter again to save anyway.",
	txtSpHintSave:      "space: choose/drop · /: filter · g: add a whole group · a: all shown · s: save as a group · tab: attendees, contacts · enter: done · esc: cancel",
	txtSpSaveHint:      "tab: next field · enter: save the group (audited; an existing id is changed) · esc: back",
	txtSpSaveTitle:     "Save the %d bridge points chosen as a group",
	txtSpGroupName:     "Group name",
	txtSpGroupID:       "Group id (lower case, digits, -)",
	txtSpGroupSaved:    "Group «%s» (%s) saved: %d bridge points.",
}
