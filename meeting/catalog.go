package meeting

import (
	"time"

	"diemcau/i18n"
)

// textKey names one user-facing string of this package.
type textKey int

// The package's user-facing strings. Add a key here and a line in both tables below.
const (
	txtCalendarFailed textKey = iota
	txtLine
	txtLineField
	txtCSVSyntax
	txtFieldCount
	txtBadDate
	txtUnknownKind
	txtEmptyName
	txtBadName
	txtDuplicateDate
	txtSwapWorkWeekday
	txtSwapOffWeekend
	txtNoEntries
	txtTooLarge
	txtMoreProblems
)

// catalog holds the calendar's user-facing strings in both languages.
var catalog = i18n.New[textKey]("meeting").Add(catalogVI, catalogEN)

// catalogVI is the Vietnamese text (the default).
var catalogVI = map[textKey]string{
	txtCalendarFailed:  "tệp ngày nghỉ có %d lỗi, không nạp gì:",
	txtLine:            "dòng %d: %s",
	txtLineField:       "dòng %d, cột %s: %s",
	txtCSVSyntax:       "lỗi cú pháp CSV (dấu ngoặc kép không khớp?)",
	txtFieldCount:      "cần đúng 3 cột date,kind,name, có %d",
	txtBadDate:         "ngày %q không hợp lệ, cần dạng NĂM-THÁNG-NGÀY như 2026-09-02",
	txtUnknownKind:     "loại %q không rõ, cần holiday, swap_off hoặc swap_work",
	txtEmptyName:       "thiếu tên ngày",
	txtBadName:         "tên không hợp lệ (không phải UTF-8, có ký tự điều khiển hoặc dài quá %d ký tự)",
	txtDuplicateDate:   "ngày %s đã có ở dòng %d",
	txtSwapWorkWeekday: "swap_work phải là thứ Bảy hoặc Chủ nhật; %s là %s, vốn đã là ngày làm việc",
	txtSwapOffWeekend:  "swap_off phải là ngày thường; %s là %s, vốn đã là ngày nghỉ",
	txtNoEntries:       "tệp không có ngày nào",
	txtTooLarge:        "tệp quá lớn (hơn %d KB)",
	txtMoreProblems:    "… và %d lỗi nữa",
}

// catalogEN is the English text (--lang en).
var catalogEN = map[textKey]string{
	txtCalendarFailed:  "the holiday file has %d problems; nothing was loaded:",
	txtLine:            "line %d: %s",
	txtLineField:       "line %d, field %s: %s",
	txtCSVSyntax:       "CSV syntax error (unbalanced double quote?)",
	txtFieldCount:      "need exactly 3 fields date,kind,name, got %d",
	txtBadDate:         "date %q is not valid, use YEAR-MONTH-DAY such as 2026-09-02",
	txtUnknownKind:     "kind %q is unknown, use holiday, swap_off or swap_work",
	txtEmptyName:       "the name is missing",
	txtBadName:         "the name is not valid (not UTF-8, has control characters or is longer than %d characters)",
	txtDuplicateDate:   "date %s is already on line %d",
	txtSwapWorkWeekday: "swap_work must be a Saturday or Sunday; %s is a %s, already a working day",
	txtSwapOffWeekend:  "swap_off must be a weekday; %s is a %s, already a day off",
	txtNoEntries:       "the file has no dates",
	txtTooLarge:        "the file is too large (over %d KB)",
	txtMoreProblems:    "… and %d more problems",
}

// weekdayNames names the days of the week in both languages.
var weekdayNames = i18n.New[time.Weekday]("meeting/weekdays").Add(map[time.Weekday]string{
	time.Sunday: "Chủ nhật", time.Monday: "thứ Hai", time.Tuesday: "thứ Ba", time.Wednesday: "thứ Tư",
	time.Thursday: "thứ Năm", time.Friday: "thứ Sáu", time.Saturday: "thứ Bảy",
}, map[time.Weekday]string{
	time.Sunday: "Sunday", time.Monday: "Monday", time.Tuesday: "Tuesday", time.Wednesday: "Wednesday",
	time.Thursday: "Thursday", time.Friday: "Friday", time.Saturday: "Saturday",
})

// localize returns the string key in lang (Vietnamese by default), formatted with args.
func localize(lang string, key textKey, args ...any) string { return catalog.Text(lang, key, args...) }
