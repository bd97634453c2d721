package endpoints

import "diemcau/i18n"

// textKey names one user-facing string of this package.
type textKey int

// The package's user-facing strings. Add a key here and a line in both tables below.
const (
	txtImportFailed textKey = iota
	txtLineField
	txtLineOnly
	txtRequired
	txtBadCode
	txtDuplicateID
	txtBadUnitKind
	txtBadRole
	txtBadIP
	txtUnitNameConflict
	txtUnitKindConflict
	txtSecondMain
	txtExistingMain
	txtUnknownColumn
	txtDuplicateColumn
	txtMissingColumn
	txtFieldCount
	txtNoHeader
	txtNoRows
	txtTooLarge
	txtTooManyRows
	txtBadUTF8
	txtTooLong
	txtBareQuote
	txtBadQuote
	txtCSVSyntax
)

// catalog holds every user-facing string of the package in both languages.
var catalog = i18n.New[textKey]("endpoints").Add(catalogVI, catalogEN)

// catalogVI is the Vietnamese text (the default).
var catalogVI = map[textKey]string{
	txtImportFailed:     "nhập danh mục điểm cầu thất bại, %d lỗi, chưa ghi gì vào cơ sở dữ liệu:",
	txtLineField:        "dòng %d, cột %s: %s",
	txtLineOnly:         "dòng %d: %s",
	txtRequired:         "bắt buộc, không được để trống",
	txtBadCode:          "mã không hợp lệ: %q (chữ in hoa không dấu, chữ số và dấu gạch ngang, 2–40 ký tự)",
	txtDuplicateID:      "mã %q đã có ở dòng %d",
	txtBadUnitKind:      "loại đơn vị không hợp lệ: %q (province, agency, commune hoặc ward)",
	txtBadRole:          "vai trò không hợp lệ: %q (main hoặc sub)",
	txtBadIP:            "địa chỉ IP không hợp lệ: %q",
	txtUnitNameConflict: "đơn vị %q ở dòng %d có tên khác: %q",
	txtUnitKindConflict: "đơn vị %q ở dòng %d có loại khác: %q",
	txtSecondMain:       "chỉ được có một điểm cầu chính; %q ở dòng %d đã là điểm cầu chính",
	txtExistingMain:     "chỉ được có một điểm cầu chính; danh mục đã có điểm cầu chính %q (khai báo lại nó là sub trong tệp này nếu muốn chuyển)",
	txtUnknownColumn:    "cột không xác định: %q",
	txtDuplicateColumn:  "cột bị lặp: %q",
	txtMissingColumn:    "thiếu cột bắt buộc",
	txtFieldCount:       "có %d trường, dòng tiêu đề có %d",
	txtNoHeader:         "tệp trống, thiếu dòng tiêu đề",
	txtNoRows:           "tệp không có điểm cầu nào",
	txtTooLarge:         "tệp lớn hơn %d MB",
	txtTooManyRows:      "tệp có hơn %d điểm cầu",
	txtBadUTF8:          "không phải văn bản UTF-8 hợp lệ",
	txtTooLong:          "quá dài (tối đa %d ký tự)",
	txtBareQuote:        "dấu ngoặc kép đặt sai chỗ (trường có dấu \" phải được bao trong ngoặc kép)",
	txtBadQuote:         "thiếu hoặc thừa dấu ngoặc kép",
	txtCSVSyntax:        "lỗi cú pháp CSV: %v",
}

// catalogEN is the English text (--lang en).
var catalogEN = map[textKey]string{
	txtImportFailed:     "bridge point import failed with %d problems; nothing was written to the database:",
	txtLineField:        "line %d, field %s: %s",
	txtLineOnly:         "line %d: %s",
	txtRequired:         "required, must not be empty",
	txtBadCode:          "invalid code %q (capital letters without diacritics, digits and hyphens, 2–40 characters)",
	txtDuplicateID:      "id %q already appears on line %d",
	txtBadUnitKind:      "invalid unit kind %q (province, agency, commune or ward)",
	txtBadRole:          "invalid role %q (main or sub)",
	txtBadIP:            "invalid IP address %q",
	txtUnitNameConflict: "unit %q has a different name on line %d: %q",
	txtUnitKindConflict: "unit %q has a different kind on line %d: %q",
	txtSecondMain:       "only one main bridge point is allowed; %q on line %d is already main",
	txtExistingMain:     "only one main bridge point is allowed; the registry already has main bridge point %q (list it as sub in this file to move the role)",
	txtUnknownColumn:    "unknown column %q",
	txtDuplicateColumn:  "duplicate column %q",
	txtMissingColumn:    "required column missing",
	txtFieldCount:       "has %d fields, the header has %d",
	txtNoHeader:         "empty file: the header row is missing",
	txtNoRows:           "the file lists no bridge points",
	txtTooLarge:         "file larger than %d MB",
	txtTooManyRows:      "the file has more than %d bridge points",
	txtBadUTF8:          "not valid UTF-8 text",
	txtTooLong:          "too long (at most %d characters)",
	txtBareQuote:        "misplaced quote (a field containing \" must be enclosed in quotes)",
	txtBadQuote:         "missing or extra quote",
	txtCSVSyntax:        "CSV syntax error: %v",
}

// catalogLang maps a --lang value to a catalogue: "en" (or "en-…") is English, anything else Vietnamese.
func catalogLang(lang string) string { return i18n.Tag(lang) }

// localize formats the string key in the user's language.
func localize(lang string, key textKey, args ...any) string {
	return catalog.Text(catalogLang(lang), key, args...)
}
