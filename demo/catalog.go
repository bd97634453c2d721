package demo

import "fmt"

// demoIncidents are the incident reports the demo's site operators send, per language; %s is the
// bridge point id.
var demoIncidents = map[string][]string{
	"vi": {
		"Mất tiếng tại điểm cầu %s",
		"Hình ảnh bị đứng tại điểm cầu %s",
		"Micro điểm cầu %s bị rè, đề nghị kiểm tra",
		"Đường truyền điểm cầu %s chập chờn",
	},
	"en": {
		"No sound at bridge point %s",
		"Picture frozen at bridge point %s",
		"Microphone at bridge point %s crackles, please check",
		"Unstable link at bridge point %s",
	},
}

// demoIncidentText returns the i-th demo incident report for bridge point id, Vietnamese unless lang is "en".
func demoIncidentText(lang string, i int, id string) string {
	texts, ok := demoIncidents[lang]
	if !ok {
		texts = demoIncidents["vi"]
	}
	return fmt.Sprintf(texts[i%len(texts)], id)
}
