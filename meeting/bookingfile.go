package meeting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// BookingForm is the registration form of Appendix I as a clerk writes it, in JSON (see
// testdata/booking-sample.json). Times are "YYYY-MM-DD HH:MM" in Vietnam's time; dates are
// "YYYY-MM-DD". Unknown keys are refused, so a misspelt field never goes unnoticed.
type BookingForm struct {
	Kind         string      `json:"kind"`                // Article 5.2: "a", "b", "c" or "d"
	LegalBasis   LegalBasis  `json:"legal_basis"`         // 1. the directing document
	HostUnit     string      `json:"host_unit"`           // 2. unit ID of the host
	Room         string      `json:"room,omitempty"`      // 2. the room's name; default: the registry's
	Content      string      `json:"content"`             // 3.
	Chair        Person      `json:"chair"`               // 4. name and title
	Start        string      `json:"start"`               // 5.
	End          string      `json:"end"`                 // 5.
	Technician   Person      `json:"technician"`          // 6. name and phone
	BridgePoints []FormPoint `json:"bridge_points"`       // 7. the sub bridge points; those also in a group override it
	Groups       []string    `json:"groups,omitempty"`    // 7. whole groups of sub bridge points, by id or name
	Needs        Needs       `json:"needs"`               // 8.
	Emergency    *Emergency  `json:"emergency,omitempty"` // Article 8.2.c
	Opinion      string      `json:"department_opinion"`  // the Department's opinion
	FormDate     string      `json:"form_date,omitempty"` // "Gia Lai, ngày … tháng … năm …"
	HeadOfUnit   string      `json:"head_of_unit"`        // who signs for the host
	Comment      string      `json:"comment,omitempty"`   // free text for the clerk; not printed
}

// LegalBasis is the document that directs the meeting: number, date and issuer.
type LegalBasis struct {
	Number string `json:"number"`
	Date   string `json:"date"`
	Issuer string `json:"issuer"`
}

// Person is a name with a title or a phone number, as the form asks.
type Person struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// FormPoint is one sub bridge point of the form: its registry ID, attendees and contact.
type FormPoint struct {
	ID        string `json:"id"`
	Attendees int    `json:"attendees"`
	Contact   Person `json:"contact"`
}

// Needs are the form's "other needs" boxes.
type Needs struct {
	Projector     bool `json:"projector"`
	VideoPlayback bool `json:"video_playback"`
	Speaking      bool `json:"speaking"`
	Recording     bool `json:"recording"`
}

// Emergency marks a meeting called at short notice (Article 8.2.c).
type Emergency struct {
	Kind   string `json:"kind"` // "storm", "flood", "disaster", "fire" or "other"
	Reason string `json:"reason,omitempty"`
}

// maxBookingBytes bounds a booking file: a form with 200 bridge points is about 40 KB.
const maxBookingBytes = 1 << 20

// ParseBookingFile reads one booking form. A file that is not a valid form fails with a
// *BookingError naming the field (or the line) and the reason.
func ParseBookingFile(r io.Reader) (BookingForm, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBookingBytes+1))
	if err != nil {
		return BookingForm{}, fmt.Errorf("read booking file: %w", err)
	}
	if len(data) > maxBookingBytes {
		return BookingForm{}, problem("", "fileTooLarge", maxBookingBytes>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f BookingForm
	if err := dec.Decode(&f); err != nil {
		return BookingForm{}, jsonProblem(data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return BookingForm{}, problem("", "trailingData", lineAt(data, dec.InputOffset()))
	}
	return f, nil
}

// jsonProblem turns a decoding error into a BookingError naming the field or the line and
// column, in the user's words rather than the decoder's.
func jsonProblem(data []byte, err error) *BookingError {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syn):
		line, col := lineColumn(data, syn.Offset-1)
		return problem("", "syntaxAt", line, col, charAt(data, syn.Offset-1))
	case errors.As(err, &typ):
		line, col := lineColumn(data, valueStart(data, typ.Offset))
		return problem(typ.Field, "wrongTypeAt", line, col, textArg("type."+jsonType(typ.Type.Kind().String())),
			textArg("value."+strings.Fields(typ.Value + " ?")[0]))
	case errors.Is(err, io.EOF):
		return problem("", "emptyFile")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return problem("", "truncated")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return problem(strings.Trim(name, `"`), "unknownField")
	}
	return problem("", "syntax", 0, err.Error())
}

// jsonType names a Go kind as the JSON value it reads: the suffix of a "type." catalogue key.
func jsonType(kind string) string {
	switch kind {
	case "string":
		return "string"
	case "bool":
		return "bool"
	case "struct", "map", "ptr":
		return "object"
	case "slice", "array":
		return "array"
	}
	return "number"
}

// lineColumn returns the 1-based line and column (in characters) of byte offset off in data.
func lineColumn(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return lineAt(data, off), utf8.RuneCount(data[start:off]) + 1
}

// valueStart is where the JSON value that ends at byte offset end starts: its opening quote
// for a string, its first character for a number or a word. Objects and lists are rarer mistakes
// and keep end.
func valueStart(data []byte, end int64) int64 {
	end = min(max(end, 0), int64(len(data)))
	i := end - 1
	if i < 0 {
		return 0
	}
	if data[i] == '"' {
		for j := i - 1; j >= 0; j-- {
			if data[j] == '"' && (j == 0 || data[j-1] != '\\') {
				return j
			}
		}
		return i
	}
	for i > 0 && !bytes.ContainsRune([]byte(",:[{ \t\r\n"), rune(data[i-1])) {
		i--
	}
	return i
}

// charAt is the character at byte offset off of data, for "unexpected character" messages.
func charAt(data []byte, off int64) string {
	if off < 0 || off >= int64(len(data)) {
		return ""
	}
	r, _ := utf8.DecodeRune(data[off:])
	return string(r)
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}
