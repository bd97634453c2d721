package live

// The facade's refusals, merged into the package's catalogue.
func init() {
	for k, v := range deskTextVI {
		textVI[k] = v
	}
	for k, v := range deskTextEN {
		textEN[k] = v
	}
}

var deskTextVI = map[string]string{
	"refused":      "vai trò %s không được phép: %s",
	"refusedOther": "chỉ được %s cho điểm cầu của mình (%s)",
	"logClosed":    "biên bản cuộc họp đã khóa, không sửa được",
}

var deskTextEN = map[string]string{
	"refused":      "role %s may not: %s",
	"refusedOther": "may %s only for its own bridge point (%s)",
	"logClosed":    "the meeting's log is closed and cannot be changed",
}
