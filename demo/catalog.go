package demo

import "diemcau/i18n"

// demoIncident numbers the incident reports the demo's site operators send, in turn.
type demoIncident int

// demoIncidentCount is how many reports there are; the demo sends them in turn.
const demoIncidentCount = 4

// demoIncidents are the incident reports in both languages; %s is the bridge point id.
var demoIncidents = i18n.New[demoIncident]("demo").Add(map[demoIncident]string{
	0: "Mất tiếng tại điểm cầu %s",
	1: "Hình ảnh bị đứng tại điểm cầu %s",
	2: "Micro điểm cầu %s bị rè, đề nghị kiểm tra",
	3: "Đường truyền điểm cầu %s chập chờn",
}, map[demoIncident]string{
	0: "No sound at bridge point %s",
	1: "Picture frozen at bridge point %s",
	2: "Microphone at bridge point %s crackles, please check",
	3: "Unstable link at bridge point %s",
})

// demoIncidentText returns the i-th demo incident report for bridge point id, Vietnamese unless lang is "en".
func demoIncidentText(lang string, i int, id string) string {
	return demoIncidents.Text(lang, demoIncident(i%demoIncidentCount), id)
}
