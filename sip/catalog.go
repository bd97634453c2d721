package sip

import "diemcau/i18n"

// catalog is the package's catalogue: what it writes for people, in both languages.
var catalog = i18n.New[string]("sip").Add(map[string]string{
	"keypadHelp": "Điểm cầu bấm " + codeHelp + " trên điều khiển thiết bị: cần trung tâm điều khiển hỗ trợ",
}, map[string]string{
	"keypadHelp": "The site pressed " + codeHelp + " on its terminal's remote: it asks the control center for help",
})

// text is key in lang ("en", else Vietnamese).
func text(lang, key string) string { return catalog.Text(lang, key) }
