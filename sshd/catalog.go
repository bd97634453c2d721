package sshd

// stoppingCatalogue is what a technician's session prints when the server stops, per language.
var stoppingCatalogue = map[string]string{
	"vi": "Máy chủ diemcau đang dừng theo lệnh của quản trị viên; phiên làm việc kết thúc. Mọi thao tác đã được ghi lại.",
	"en": "The diemcau server is stopping at the administrator's request; your session ends. Every action has been recorded.",
}

// stoppingText is the server-stopping notice in lang (vi when lang is not in the catalogue).
func stoppingText(lang string) string {
	if s, ok := stoppingCatalogue[lang]; ok {
		return s
	}
	return stoppingCatalogue["vi"]
}
