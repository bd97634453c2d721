package sshd

import (
	"strings"

	"diemcau/i18n"
)

// KeyReason is why a line of authorized_keys was skipped or accepted with a warning.
type KeyReason int

// The reasons of KeyProblem.
const (
	KeyNotAKey      KeyReason = iota // not an OpenSSH public key line: skipped
	KeyNoRole                        // no role= in the comment: skipped
	KeyBadRole                       // role= not one of the four (e.g. role=Control): skipped
	KeyNoTech                        // no tech=NAME: skipped
	KeyOperatorNoBP                  // role=operator without bp=: skipped
	KeyHostNoBP                      // role=host without bp=: accepted, read-only
	KeyUnknownBP                     // bp= not in the registry: accepted, acts on nothing until it is
	KeyDuplicate                     // the same key as an earlier line: this line wins
)

// KeyProblem is one line of authorized_keys that the server skips or accepts with a warning.
type KeyProblem struct {
	Line    int       // 1-based line number in the file
	Reason  KeyReason // why
	Skipped bool      // the line lets nobody in
	Detail  string    // the value at fault (role, bp, tech, first line, or the parser's error)
}

// keyProblemText is the catalogue of KeyProblem's reasons: per language, a format taking Detail.
var keyProblemText = i18n.New[KeyReason]("sshd/keys").Add(keyProblemTextVI, keyProblemTextEN)

// keyProblemTextVI is the Vietnamese text (the default).
var keyProblemTextVI = map[KeyReason]string{
	KeyNotAKey:      "không phải khóa công khai OpenSSH (%s)",
	KeyNoRole:       "thiếu role= (control, host, operator hoặc viewer)%.0s",
	KeyBadRole:      "role=%s không phải control, host, operator hoặc viewer (viết chữ thường)",
	KeyNoTech:       "thiếu tech=TÊN (tên kỹ thuật viên ghi vào nhật ký)%.0s",
	KeyOperatorNoBP: "role=operator thiếu bp=MÃ-ĐIỂM-CẦU (kỹ thuật viên %s)",
	KeyHostNoBP:     "role=host thiếu bp= thì chỉ được xem: %s không điều khiển được",
	KeyUnknownBP:    "bp=%s không có trong danh sách điểm cầu: khóa được nhận nhưng không điều khiển được gì cho đến khi nhập điểm cầu này",
	KeyDuplicate:    "khóa này đã có ở dòng %s; dòng này được dùng",
}

// keyProblemTextEN is the English text (--lang en).
var keyProblemTextEN = map[KeyReason]string{
	KeyNotAKey:      "not an OpenSSH public key (%s)",
	KeyNoRole:       "no role= (control, host, operator or viewer)%.0s",
	KeyBadRole:      "role=%s is not one of control, host, operator, viewer (lower case)",
	KeyNoTech:       "no tech=NAME (the technician's name for the log)%.0s",
	KeyOperatorNoBP: "role=operator without bp=BRIDGE-POINT-ID (technician %s)",
	KeyHostNoBP:     "role=host without bp= is read-only: %s may only watch, not act",
	KeyUnknownBP:    "bp=%s is not in the bridge-point registry: the key is accepted but may act on nothing until that bridge point is imported",
	KeyDuplicate:    "this key is already on line %s; this line is used",
}

// Text is the problem's reason in lang (vi or en), without the line number.
func (p KeyProblem) Text(lang string) string {
	return keyProblemText.Text(lang, p.Reason, p.Detail)
}

// keyProblemLine is the catalogue of a whole report line: file, line number, reason; the key
// is whether the line is skipped.
var keyProblemLine = i18n.New[bool]("sshd/keys-line").Add(
	map[bool]string{true: "%s dòng %d: bỏ qua — %s", false: "%s dòng %d: cảnh báo — %s"},
	map[bool]string{true: "%s line %d: skipped — %s", false: "%s line %d: warning — %s"})

// KeyProblemsText is the report of problems of the file path, one line each, in lang.
func KeyProblemsText(lang, path string, problems []KeyProblem) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString(keyProblemLine.Text(lang, p.Skipped, path, p.Line, p.Text(lang)) + "\n")
	}
	return b.String()
}
