package sip

// texts is the package's catalogue: what it writes for people, per language.
var texts = map[string]map[string]string{
	"vi": {
		"keypadHelp": "Điểm cầu bấm " + codeHelp + " trên điều khiển thiết bị: cần trung tâm điều khiển hỗ trợ",
	},
	"en": {
		"keypadHelp": "The site pressed " + codeHelp + " on its terminal's remote: it asks the control center for help",
	},
}

// text is key in lang ("en", else Vietnamese).
func text(lang, key string) string {
	if lang == "en" {
		return texts["en"][key]
	}
	return texts["vi"][key]
}
