package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"strings"

	"diemcau/i18n"
	"diemcau/meeting"
	"diemcau/store"
)

// writeBookingMeeting follows `report booking` with what the meeting opened from the booking
// left: its Appendix II log (entries, incidents, attendance) and its recordings.
func writeBookingMeeting(ctx context.Context, w io.Writer, st *store.Store, meetingID int64, format, lang string) error {
	l, err := meeting.LoadLog(ctx, st, meetingID, lang)
	if err != nil {
		return err
	}
	fmt.Fprintln(w)
	if err := meeting.WriteLog(w, l, format, lang); err != nil {
		return err
	}
	recs, err := st.Recordings(ctx, meetingID)
	if err != nil {
		return err
	}
	return writeRecordingList(w, recs, format, lang)
}

// writeRecordingList lists a meeting's recordings: when, files, size and delivery.
func writeRecordingList(w io.Writer, recs []store.Recording, format, lang string) error {
	t := func(k string) string { return recList.Text(lang, k) }
	header := []string{t("start"), t("stop"), t("files"), t("delivered")}
	rows := make([][]string, 0, len(recs))
	for _, r := range recs {
		stop, delivered := "—", t("no")
		if !r.StoppedAt.IsZero() {
			stop = r.StoppedAt.Local().Format("15:04 02/01/2006")
		}
		if !r.DeliveredAt.IsZero() {
			delivered = r.DeliveredAt.Local().Format("02/01/2006") + " → " + r.DeliveredTo
		}
		rows = append(rows, []string{r.StartedAt.Local().Format("15:04 02/01/2006"), stop, strings.Join(r.Files, " "), delivered})
	}
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{t("title")})
		_ = cw.Write(header)
		_ = cw.WriteAll(rows)
		cw.Flush()
		return cw.Error()
	case "html":
		fmt.Fprintf(w, "<h2>%s (%d)</h2>\n<table>\n<tr>", html.EscapeString(t("title")), len(recs))
		for _, h := range header {
			fmt.Fprintf(w, "<th>%s</th>", html.EscapeString(h))
		}
		fmt.Fprintln(w, "</tr>")
		for _, r := range rows {
			fmt.Fprint(w, "<tr>")
			for _, c := range r {
				fmt.Fprintf(w, "<td>%s</td>", html.EscapeString(c))
			}
			fmt.Fprintln(w, "</tr>")
		}
		_, err := fmt.Fprintln(w, "</table>")
		return err
	}
	fmt.Fprintf(w, "\n## %s (%d)\n\n| %s |\n|---|---|---|---|\n", t("title"), len(recs), strings.Join(header, " | "))
	for _, r := range rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
	return nil
}

// recList holds the recordings list's headings in both languages.
var recList = i18n.New[string]("diemcau/recordings").Add(recListVI, recListEN)

// recListVI is the Vietnamese text (the default).
var recListVI = map[string]string{"title": "Bản ghi cuộc họp", "start": "Bắt đầu", "stop": "Kết thúc", "files": "Tệp",
	"delivered": "Đã giao", "no": "chưa"}

// recListEN is the English text (--lang en).
var recListEN = map[string]string{"title": "Recordings of the meeting", "start": "Started", "stop": "Stopped", "files": "Files",
	"delivered": "Delivered", "no": "not yet"}
