package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"diemcau/i18n"
	"diemcau/live"
)

// runMeeting is `diemcau meeting open|close|list`: it talks to the running server over its
// meetings API (/api/v1/meetings) with the API token, as the technician ($USER) for the audit log.
func runMeeting(ctx context.Context, args []string) error {
	args = wordFirst(args, "open", "close", "list")
	lang := langFromArgs(args)
	if len(args) == 0 || (args[0] != "open" && args[0] != "close" && args[0] != "list") {
		if len(args) > 0 && !isHelpFlag(args[0]) {
			fmt.Fprintf(os.Stderr, meetingMsg(lang, "unknownSub"), args[0])
		}
		fmt.Fprint(os.Stderr, meetingMsg(lang, "usage"))
		return errUsage
	}
	sub := args[0]
	var (
		httpAddr, url, tokenFile string
		title, mainBP, host      string
		sites, kinds             string
		all                      bool
	)
	fs := flag.NewFlagSet("meeting "+sub, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&httpAddr, "http", "127.0.0.1:8080", "HTTP address of the running server")
	fs.StringVar(&url, "url", "", "the running server's URL, e.g. https://diemcau.example.vn (instead of --http)")
	fs.StringVar(&tokenFile, "api-token-file", "", "file holding the /api/v1 bearer token (else DIEMCAU_API_TOKEN)")
	fs.String("lang", "vi", "language: vi or en")
	if sub == "open" {
		fs.StringVar(&title, "title", "", "ad hoc meeting: its title")
		fs.StringVar(&mainBP, "main", "", "ad hoc meeting: the main bridge point (default: the registry's)")
		fs.StringVar(&host, "host-unit", "", "ad hoc meeting: the host unit (default: the main bridge point's)")
		fs.StringVar(&sites, "sites", "", "ad hoc meeting: bridge points, comma-separated")
		fs.StringVar(&kinds, "unit-kinds", "", "ad hoc meeting: every bridge point of these unit kinds (province, agency, commune, ward)")
		fs.BoolVar(&all, "all", false, "ad hoc meeting: every registered bridge point")
	}
	if err := parseFlags(fs, args[1:]); err != nil {
		return err
	}
	token, err := apiToken(tokenFile, lang)
	if err != nil {
		return err
	}
	if token == "" {
		return &localError{text: meetingMsg(lang, "noToken")}
	}
	if url == "" {
		url = "http://" + httpAddr
	}
	url = strings.TrimSuffix(url, "/") + "/api/v1/meetings"
	actor := currentUser()
	var (
		method = http.MethodGet
		body   any
		want   = fs.NArg() == 0
	)
	switch sub {
	case "open":
		method = http.MethodPost
		if fs.NArg() == 1 {
			id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
			if err != nil || id <= 0 {
				return &localError{text: fmt.Sprintf(meetingMsg(lang, "badBooking"), fs.Arg(0))}
			}
			body, want = live.OpenRequest{Booking: id, Actor: actor}, true
		} else if title != "" && fs.NArg() == 0 {
			body = live.OpenRequest{Title: title, Main: mainBP, HostUnit: host, Sites: splitList(sites),
				UnitKinds: splitList(kinds), All: all, Actor: actor}
		} else {
			want = false
		}
	case "close":
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		want = fs.NArg() == 1 && err == nil && id > 0
		method, url = http.MethodPost, fmt.Sprintf("%s/%d/close", url, id)
	}
	if !want {
		fmt.Fprint(os.Stderr, meetingMsg(lang, "usage"))
		return errUsage
	}
	return meetingCall(ctx, lang, method, url, token, actor, body, sub)
}

// meetingCall sends one request to the meetings API and prints its answer.
func meetingCall(ctx context.Context, lang, method, url, token, actor string, body any, sub string) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = strings.NewReader(string(b))
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("X-Diemcau-Actor", actor)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return &localError{text: fmt.Sprintf(meetingMsg(lang, "noServer"), url, err), err: err}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		var e struct{ Error string }
		_ = json.Unmarshal(raw, &e)
		if e.Error == "" {
			e.Error = resp.Status
		}
		return &localError{text: fmt.Sprintf(meetingMsg(lang, "refused"), e.Error)}
	}
	switch sub {
	case "open":
		var in live.Info
		if err := json.Unmarshal(raw, &in); err != nil {
			return err
		}
		fmt.Fprintf(os.Stdout, meetingMsg(lang, "opened"), in.MeetingID, in.Title, len(in.BridgePoints))
	case "close":
		fmt.Fprintf(os.Stdout, meetingMsg(lang, "closed"), strings.TrimSuffix(url[strings.LastIndex(url, "meetings/")+9:], "/close"))
	default:
		var l live.List
		if err := json.Unmarshal(raw, &l); err != nil {
			return err
		}
		printMeetingList(lang, l)
	}
	return nil
}

// printMeetingList prints the live meetings and today's bookings.
func printMeetingList(lang string, l live.List) {
	fmt.Fprint(os.Stdout, meetingMsg(lang, "liveHead"))
	for _, in := range l.Live {
		fmt.Fprintf(os.Stdout, "  %d  %s  %s  %d/%d\n", in.MeetingID, in.StartedAt.Local().Format("15:04"), in.Title, in.Connected, in.Expected)
	}
	fmt.Fprint(os.Stdout, meetingMsg(lang, "todayHead"))
	for _, s := range l.Today {
		due := ""
		if s.NextDue != nil {
			due = s.NextDue.Local().Format("02/01 15:04")
		}
		fmt.Fprintf(os.Stdout, "  #%d  %s  %s  %s %s\n", s.Booking, s.StartsAt.Local().Format("15:04"), s.Content, s.NextStep, due)
	}
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// meetingMsg is the meeting command's text in lang.
func meetingMsg(lang, key string) string { return meetingText.Text(lang, key) }

// meetingText holds the meeting command's messages in both languages.
var meetingText = i18n.New[string]("diemcau/meeting").Add(meetingTextVI, meetingTextEN)

// meetingTextVI is the Vietnamese text (the default).
var meetingTextVI = map[string]string{
	"usage": "dùng: diemcau meeting open MÃ-ĐĂNG-KÝ | meeting open --title TÊN [--main MÃ] [--sites A,B] [--unit-kinds commune,ward] [--all]\n" +
		"       diemcau meeting close MÃ-CUỘC-HỌP | meeting list   [--http ĐỊA-CHỈ | --url URL] [--api-token-file TỆP]\n",
	"unknownSub": "meeting: lệnh con không rõ %q\n",
	"noToken":    "cần mã truy cập API của máy chủ đang chạy: đặt DIEMCAU_API_TOKEN hoặc --api-token-file",
	"badBooking": "mã đăng ký phải là số dương, không phải %q",
	"noServer":   "không gọi được máy chủ diemcau tại %s (máy chủ đã chạy chưa? --http/--url): %v",
	"refused":    "máy chủ từ chối: %s",
	"opened":     "Đã mở cuộc họp %d: %s (%d điểm cầu).\n",
	"closed":     "Đã kết thúc cuộc họp %s.\n",
	"liveHead":   "Cuộc họp đang diễn ra:\n",
	"todayHead":  "Lịch hôm nay:\n",
}

// meetingTextEN is the English text (--lang en).
var meetingTextEN = map[string]string{
	"usage": "usage: diemcau meeting open BOOKING-ID | meeting open --title TITLE [--main ID] [--sites A,B] [--unit-kinds commune,ward] [--all]\n" +
		"       diemcau meeting close MEETING-ID | meeting list   [--http ADDR | --url URL] [--api-token-file FILE]\n",
	"unknownSub": "meeting: unknown subcommand %q\n",
	"noToken":    "the running server's API token is needed: set DIEMCAU_API_TOKEN or --api-token-file",
	"badBooking": "a booking id is a positive number, not %q",
	"noServer":   "cannot reach the diemcau server at %s (is it running? --http/--url): %v",
	"refused":    "the server refused: %s",
	"opened":     "Meeting %d opened: %s (%d bridge points).\n",
	"closed":     "Meeting %s closed.\n",
	"liveHead":   "Live meetings:\n",
	"todayHead":  "Today's schedule:\n",
}
