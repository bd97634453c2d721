package meeting

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvRow is one record of a CSV file after its header, with its line.
type csvRow struct {
	Line int
	Rec  []string
}

// csvFault is what stops a CSV file being read: its line and the catalogue key of the reason.
type csvFault struct {
	Line   int
	Reason string // "tech.syntax", or badHeader when the first line is not the header
}

// readCSVRows reads a CSV file (a UTF-8 byte order mark allowed) whose first line must be
// header (case and spaces aside), and returns the records after it. A syntax error or another
// header stops it with a fault naming the line; badHeader is the fault's reason for the header.
func readCSVRows(r io.Reader, what string, header []string, badHeader string) ([]csvRow, *csvFault, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxBookingBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read %s file: %w", what, err)
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var rows []csvRow
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return rows, &csvFault{Line: line, Reason: "tech.syntax"}, nil
		}
		if first {
			if !sameColumns(rec, header) {
				return nil, &csvFault{Line: line, Reason: badHeader}, nil
			}
			continue
		}
		rows = append(rows, csvRow{Line: line, Rec: rec})
	}
}

// sameColumns reports whether a header row is want, case and spaces aside.
func sameColumns(rec, want []string) bool {
	if len(rec) != len(want) {
		return false
	}
	for i, h := range want {
		if strings.ToLower(strings.TrimSpace(rec[i])) != h {
			return false
		}
	}
	return true
}
