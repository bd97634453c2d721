package meeting

import (
	"regexp"
	"strconv"
)

// indexed matches a path's list index, "[2]".
var indexed = regexp.MustCompile(`\[(\d+)\]`)

// fieldLabel names a form's field path in lang as the printed form does, with the path after
// it so the clerk finds it in the file: "điểm cầu nhánh thứ 2 «XA-IAGRAI», số người tham dự
// (bridge_points[2].attendees)". site is the sub bridge point as written, if any.
func fieldLabel(lang, path, site string) string {
	plain := indexed.ReplaceAllString(path, "")
	label, ok := bookingText.Lookup(lang, "field."+plain)
	if !ok {
		return path
	}
	m := indexed.FindStringSubmatch(path)
	if m == nil {
		return label + " (" + path + ")"
	}
	n, _ := strconv.Atoi(m[1])
	list := path[:indexed.FindStringIndex(path)[0]]
	item := bt(lang, "field.item."+list, n)
	if plain == list {
		return item + " (" + path + ")"
	}
	if site == "" {
		return item + ", " + label + " (" + path + ")"
	}
	return bt(lang, "field.site", item, site) + ", " + label + " (" + path + ")"
}
