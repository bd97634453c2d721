package meeting

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestLoadCalendarProblems(t *testing.T) {
	file := strings.Join([]string{
		"date,kind,name",                     // 1
		"# chú thích",                        // 2
		"2026-02-30,holiday,Ngày không có",   // 3
		"2026-03-02,nghi,Loại lạ",            // 4
		"2026-03-03,holiday,Ngày nghỉ mẫu",   // 5
		"2026-03-03,swap_off,Trùng ngày",     // 6
		"2026-03-04,swap_work,Làm bù thứ Tư", // 7
		"2026-03-07,swap_off,Nghỉ thứ Bảy",   // 8
		"2026-03-09,holiday,",                // 9
		"2026-03-10,holiday",                 // 10
		"03/11/2026,holiday,Ngày kiểu cũ",    // 11
		"2026-03-12,holiday,Ngày tốt",        // 12
		"2026-03-13,holiday,\"Tên\tcó tab\"", // 13
		"",
	}, "\n")
	want := []CalendarProblem{
		{Line: 3, Field: "date", Reason: ReasonBadDate, Value: "2026-02-30"},
		{Line: 4, Field: "kind", Reason: ReasonUnknownKind, Value: "nghi"},
		{Line: 6, Field: "date", Reason: ReasonDuplicateDate, Value: "2026-03-03", OtherLine: 5},
		{Line: 7, Field: "kind", Reason: ReasonSwapWorkWeekday, Value: "2026-03-04", Weekday: time.Wednesday},
		{Line: 8, Field: "kind", Reason: ReasonSwapOffWeekend, Value: "2026-03-07", Weekday: time.Saturday},
		{Line: 9, Field: "name", Reason: ReasonEmptyName},
		{Line: 10, Reason: ReasonFieldCount, Count: 2},
		{Line: 11, Field: "date", Reason: ReasonBadDate, Value: "03/11/2026"},
		{Line: 13, Field: "name", Reason: ReasonBadName},
	}
	c, err := LoadCalendar(strings.NewReader(file))
	if c != nil {
		t.Errorf("LoadCalendar returned a calendar along with errors; nothing may be partially loaded")
	}
	var ce *CalendarError
	if !errors.As(err, &ce) {
		t.Fatalf("LoadCalendar error = %v, want a *CalendarError", err)
	}
	if len(ce.Problems) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(ce.Problems), len(want), ce.Message("en"))
	}
	for i := range want {
		if ce.Problems[i] != want[i] {
			t.Errorf("problem %d = %+v, want %+v", i, ce.Problems[i], want[i])
		}
	}
	vi, en := err.Error(), ce.Message("en")
	for _, s := range []string{"9 lỗi", "dòng 3, cột date: ngày \"2026-02-30\" không hợp lệ", "dòng 6, cột date: ngày 2026-03-03 đã có ở dòng 5",
		"2026-03-04 là thứ Tư", "2026-03-07 là thứ Bảy", "dòng 10: cần đúng 3 cột"} {
		if !strings.Contains(vi, s) {
			t.Errorf("Vietnamese message lacks %q:\n%s", s, vi)
		}
	}
	for _, s := range []string{"9 problems", "line 4, field kind: kind \"nghi\" is unknown", "2026-03-04 is a Wednesday", "line 9, field name: the name is missing"} {
		if !strings.Contains(en, s) {
			t.Errorf("English message lacks %q:\n%s", s, en)
		}
	}
}

func TestLoadCalendarWholeFileProblems(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		wantLine int
		want     CalendarReason
	}{
		{"empty", "", 0, ReasonNoEntries},
		{"header only", "date,kind,name\n", 0, ReasonNoEntries},
		{"comments only", "# nothing\n# here\n", 0, ReasonNoEntries},
		{"unbalanced quote", "date,kind,name\n2026-01-01,holiday,\"Tết\n", 2, ReasonCSVSyntax},
		{"bare quote", "2026-01-01,holiday,Tết \"x\" y\n", 1, ReasonCSVSyntax},
		{"too large", "# " + strings.Repeat("x", maxCalendarBytes) + "\n2026-01-01,holiday,Tết\n", 0, ReasonTooLarge},
		{"header in the wrong place", "2026-01-01,holiday,Tết\ndate,kind,name\n", 2, ReasonBadDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadCalendar(strings.NewReader(tt.file))
			var ce *CalendarError
			if c != nil || !errors.As(err, &ce) {
				t.Fatalf("LoadCalendar = %v, %v; want nil and a *CalendarError", c, err)
			}
			if p := ce.Problems[0]; p.Line != tt.wantLine || p.Reason != tt.want {
				t.Errorf("first problem = %+v, want line %d reason %d", p, tt.wantLine, tt.want)
			}
			if ce.Message("vi") == "" || ce.Message("en") == "" || ce.Message("vi") == ce.Message("en") {
				t.Errorf("messages not localized: %q / %q", ce.Message("vi"), ce.Message("en"))
			}
		})
	}
}

func TestLoadCalendarAccepts(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		at       time.Time
		wantName string
	}{
		{"no header", "2026-11-24,holiday,Ngày Văn hóa Việt Nam\n", vn(2026, 11, 24, 9, 0), "Ngày Văn hóa Việt Nam"},
		{"BOM, CRLF and spaces", "\uFEFFdate, kind, name\r\n 2026-11-24 , holiday , Ngày Văn hóa Việt Nam \r\n", vn(2026, 11, 24, 9, 0), "Ngày Văn hóa Việt Nam"},
		{"quoted name with a comma", "date,kind,name\n2026-11-24,holiday,\"Nghỉ, theo quyết định của tỉnh\"\n", vn(2026, 11, 24, 9, 0), "Nghỉ, theo quyết định của tỉnh"},
		{"holiday on a Sunday is allowed", "2026-04-26,holiday,Giỗ Tổ Hùng Vương\n", vn(2026, 4, 26, 9, 0), "Giỗ Tổ Hùng Vương"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustLoad(t, tt.file)
			if name, ok := c.Holiday(tt.at); !ok || name != tt.wantName {
				t.Errorf("Holiday = %q, %v; want %q", name, ok, tt.wantName)
			}
			if c.IsWorkingDay(tt.at) {
				t.Errorf("IsWorkingDay(%s) = true, want false", tt.at.Format(time.DateOnly))
			}
		})
	}
}

// TestUserFileChangesTheAnswer: a user's own file, or an extension of the default, moves the answer.
func TestUserFileChangesTheAnswer(t *testing.T) {
	day := vn(2026, 11, 24, 9, 0) // a Tuesday
	line := "2026-11-24,holiday,Ngày Văn hóa Việt Nam\n"
	replaced := mustLoad(t, string(DefaultHolidaysCSV())+line)
	extended, err := DefaultCalendar().Extend(strings.NewReader(line))
	if err != nil {
		t.Fatalf("Extend: %v", err)
	}
	tests := []struct {
		name        string
		c           *Calendar
		wantWorking bool
		wantNext    time.Time
	}{
		{"default", DefaultCalendar(), true, vn(2026, 11, 24, 9, 0)},
		{"replaced file", replaced, false, vn(2026, 11, 25, 9, 0)},
		{"extended default", extended, false, vn(2026, 11, 25, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.IsWorkingDay(day); got != tt.wantWorking {
				t.Errorf("IsWorkingDay(24/11/2026) = %v, want %v", got, tt.wantWorking)
			}
			sameInstant(t, "AddWorkingDays(Mon 23/11, 1)", tt.c.AddWorkingDays(vn(2026, 11, 23, 9, 0), 1), tt.wantNext)
			if !tt.c.IsWorkingDay(vn(2026, 2, 13, 9, 0)) || tt.c.IsWorkingDay(vn(2026, 2, 17, 9, 0)) {
				t.Errorf("lost the default's Tết 2026")
			}
		})
	}
}

func TestExtendOverridesAndKeepsBase(t *testing.T) {
	base := DefaultCalendar()
	ext, err := base.Extend(strings.NewReader("2026-09-02,holiday,Quốc khánh (tên do người dùng đặt)\n"))
	if err != nil {
		t.Fatalf("Extend: %v", err)
	}
	if name, _ := ext.Holiday(vn(2026, 9, 2, 9, 0)); name != "Quốc khánh (tên do người dùng đặt)" {
		t.Errorf("extended name = %q", name)
	}
	if name, _ := base.Holiday(vn(2026, 9, 2, 9, 0)); name != "Quốc khánh 2/9" {
		t.Errorf("Extend changed the base calendar: %q", name)
	}
	bad, err := base.Extend(strings.NewReader("2026-11-24,holiday,Ngày Văn hóa Việt Nam\n2026-11-25,nghỉ,x\n"))
	if bad != nil || err == nil {
		t.Fatalf("Extend with a bad line = %v, %v; want nil and an error", bad, err)
	}
	if !base.IsWorkingDay(vn(2026, 11, 24, 9, 0)) {
		t.Errorf("a failed Extend changed the base calendar")
	}
}

func TestDefaultHolidaysCSVIsACopy(t *testing.T) {
	b := DefaultHolidaysCSV()
	b[0] = 'X'
	if !bytes.Equal(DefaultHolidaysCSV(), defaultHolidays) || defaultHolidays[0] == 'X' {
		t.Fatal("DefaultHolidaysCSV exposes the embedded bytes")
	}
}
