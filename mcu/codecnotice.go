package mcu

import (
	"fmt"
	"strings"
)

// NoticeMessage tells the endpoint something its operator should read; Code says what.
type NoticeMessage struct {
	Type   string `json:"type"`   // "notice"
	Code   string `json:"code"`   // "codec": a video slot stays empty because of the codec
	Slot   string `json:"slot"`   // "main" or "speaker"
	Source string `json:"source"` // bridge point whose picture cannot be shown
	Codec  string `json:"codec"`  // the source's codec, e.g. "video/H264"
	Text   string `json:"text"`   // the same in the MCU's language
}

// codecNotice records what was already reported about one blocked slot source.
type codecNotice struct {
	emitted bool // the event went out
	told    bool // the endpoint got the notice
}

// noticeCodecMismatch reports, once per session, slot and source, that a video slot stays
// empty because the receiver cannot decode the source's codec: an event for the console and
// a notice on the receiver's control channel (sent once the channel is open).
func (c *Conference) noticeCodecMismatch(p slotPlan) {
	r := p.recv
	for i, src := range p.blocked {
		if src == nil || i >= len(r.video) {
			continue
		}
		b := r.video[i]
		key := b.slot + "|" + src.m.info.ID + "|" + src.mime
		said := r.codecSaid[key]
		if said.emitted && said.told {
			continue
		}
		if r.codecSaid == nil {
			r.codecSaid = make(map[string]codecNotice)
		}
		if !said.emitted {
			said.emitted = true
			r.log.Warn("video slot left empty: codec mismatch", "slot", b.slot, "source", src.m.info.ID,
				"codec", src.mime, "accepts", b.mime)
			c.emit(EventCodecMismatch, r.m.info.ID, "system", 0,
				fmt.Sprintf("slot=%s source=%s codec=%s accepts=%s", b.slot, src.m.info.ID, src.mime, b.mime))
		}
		if !said.told {
			name := src.m.info.Name
			if name == "" {
				name = src.m.info.ID
			}
			said.told = r.send(NoticeMessage{Type: "notice", Code: "codec", Slot: b.slot, Source: src.m.info.ID, Codec: src.mime,
				Text: fmt.Sprintf(text(c.mcu.cfg.Lang, txtCodecMismatch), name, codecName(src.mime), b.slot)})
		}
		r.codecSaid[key] = said
	}
}

// codecName is the short name of a codec MIME type ("video/H264" → "H264").
func codecName(mime string) string {
	_, name, _ := strings.Cut(mime, "/")
	if name == "" {
		return mime
	}
	return name
}
