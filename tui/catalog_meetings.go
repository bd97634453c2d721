package tui

import (
	"errors"
	"strings"
)

// meetingsKey names the strings of this file: a type of its own, so no other file can
// define one of its keys.
type meetingsKey int

func (meetingsKey) tuiText() {}

const (
	txtKeyMeetings meetingsKey = iota
	txtKeyOpenMeeting
	txtKeyNewMeeting
	txtMeetingsTitle
	txtNoMeetingLive
	txtScheduleTitle
	txtScheduleEmpty
	txtScheduleNext
	txtScheduleHint
	txtSitesCommunesWards
	txtSitesAll
	txtSitesAgencies
	txtSitesMainOnly
	txtAdhocTitle
	txtAdhocName
	txtAdhocMain
	txtAdhocSites
	txtMeetingOpened
	txtNoLive
	txtActOpenMeeting
	txtMeetingOf
	txtDueToOpen
)

func init() { addTexts(meetingsTextVI, meetingsTextEN) }

var meetingsTextVI = map[meetingsKey]string{
	txtKeyMeetings:        "cuộc họp",
	txtKeyOpenMeeting:     "mở cuộc họp",
	txtKeyNewMeeting:      "họp đột xuất",
	txtMeetingsTitle:      " Cuộc họp đang diễn ra (%d)",
	txtNoMeetingLive:      "Không có cuộc họp nào đang diễn ra",
	txtScheduleTitle:      "Lịch hôm nay",
	txtScheduleEmpty:      "Hôm nay không có cuộc họp nào được đăng ký",
	txtScheduleNext:       "tiếp: %s",
	txtScheduleHint:       "W: chọn hoặc mở cuộc họp · N: họp đột xuất · B: đăng ký",
	txtSitesCommunesWards: "mọi xã và phường",
	txtSitesAll:           "mọi điểm cầu",
	txtSitesAgencies:      "mọi sở, ngành",
	txtSitesMainOnly:      "chỉ điểm cầu chính (cho vào sau)",
	txtAdhocTitle:         " Họp đột xuất (không đăng ký)",
	txtAdhocName:          "Tên cuộc họp",
	txtAdhocMain:          "Điểm cầu chính",
	txtAdhocSites:         "Điểm cầu dự",
	txtMeetingOpened:      "Đã mở cuộc họp #%d: %s",
	txtNoLive:             "bảng điều khiển không có quyền mở cuộc họp",
	txtActOpenMeeting:     "mở cuộc họp",
	txtMeetingOf:          " · #%d (%d/%d)",
	txtDueToOpen:          "⏰ ĐẾN GIỜ MỞ (W, o)",
}

var meetingsTextEN = map[meetingsKey]string{
	txtKeyMeetings:        "meetings",
	txtKeyOpenMeeting:     "open meeting",
	txtKeyNewMeeting:      "ad hoc meeting",
	txtMeetingsTitle:      " Live meetings (%d)",
	txtNoMeetingLive:      "No meeting is live",
	txtScheduleTitle:      "Today's schedule",
	txtScheduleEmpty:      "No meeting is booked today",
	txtScheduleNext:       "next: %s",
	txtScheduleHint:       "W: pick or open a meeting · N: ad hoc meeting · B: bookings",
	txtSitesCommunesWards: "every commune and ward",
	txtSitesAll:           "every bridge point",
	txtSitesAgencies:      "every department",
	txtSitesMainOnly:      "the main bridge point only (admit later)",
	txtAdhocTitle:         " Ad hoc meeting (no booking)",
	txtAdhocName:          "Title",
	txtAdhocMain:          "Main bridge point",
	txtAdhocSites:         "Sites",
	txtMeetingOpened:      "Meeting #%d opened: %s",
	txtNoLive:             "this console may not open meetings",
	txtActOpenMeeting:     "open a meeting",
	txtMeetingOf:          " · #%d (%d/%d)",
	txtDueToOpen:          "⏰ DUE TO OPEN (W, o)",
}

// errNoLive is the error of opening a meeting from a console without the live manager.
func errNoLive(c Common) error { return errors.New(c.Text(txtNoLive)) }

// joinLines joins lines with newlines.
func joinLines(lines []string) string { return strings.Join(lines, "\n") }
