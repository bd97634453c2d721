package sshd

import "diemcau/i18n"

// sshdKey names one string of the SSH server a technician reads.
type sshdKey int

const (
	txtStopping sshdKey = iota // the notice a session prints when the server stops
)

// catalogue holds the SSH server's strings in both languages.
var catalogue = i18n.New[sshdKey]("sshd").Add(map[sshdKey]string{
	txtStopping: "Máy chủ diemcau đang dừng theo lệnh của quản trị viên; phiên làm việc kết thúc. Mọi thao tác đã được ghi lại.",
}, map[sshdKey]string{
	txtStopping: "The diemcau server is stopping at the administrator's request; your session ends. Every action has been recorded.",
})

// stoppingText is the server-stopping notice in lang (Vietnamese unless "en").
func stoppingText(lang string) string { return catalogue.Text(lang, txtStopping) }
