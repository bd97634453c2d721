package live

// The facade's refusals, added to the package's catalogue (a key defined twice is reported by
// the one catalogue test).
func init() { catalog.Add(deskTextVI, deskTextEN) }

var deskTextVI = map[string]string{
	"refused":      "vai trò %s không được phép: %s",
	"refusedOther": "chỉ được %s cho điểm cầu của mình (%s)",
	"logClosed":    "biên bản cuộc họp đã khóa, không sửa được",
	"hostNoUnit":   "điểm cầu của khóa chủ trì không thuộc đơn vị nào trong danh mục",
	"hostOwnUnit":  "điểm cầu chính chỉ đăng ký cho đơn vị của mình (%s)",
}

var deskTextEN = map[string]string{
	"refused":      "role %s may not: %s",
	"refusedOther": "may %s only for its own bridge point (%s)",
	"logClosed":    "the meeting's log is closed and cannot be changed",
	"hostNoUnit":   "the host key's bridge point belongs to no unit of the registry",
	"hostOwnUnit":  "a main bridge point registers only for its own unit (%s)",
}
