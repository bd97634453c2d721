package meeting

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
)

func TestBookingReportFormats(t *testing.T) {
	ctx := context.Background()
	d, _ := bookingDesk(t, vn(2026, 3, 2, 9, 0))
	f := form("2026-03-20 08:00", "2026-03-20 10:30")
	f.Opinion = "Đồng ý <hỗ trợ>"
	f.FormDate = "2026-03-02"
	id, _, err := d.Register(ctx, f, Filing{Actor: "an"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := d.LoadBookingReport(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var md, htm, cs bytes.Buffer
	for _, w := range []struct {
		buf    *bytes.Buffer
		format string
	}{{&md, "md"}, {&htm, "html"}, {&cs, "csv"}} {
		if err := WriteBookingReport(w.buf, r, w.format, "vi"); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []string{"Phụ lục I", "PHIẾU ĐĂNG KÝ SỬ DỤNG", "văn bản số 12/UBND ngày 05/01/2026 của UBND tỉnh Gia Lai",
		"Sở Khoa học và Công nghệ", "Phòng họp Trung tâm Chuyển đổi số", "Chuyển đổi số cấp xã", "Nguyễn Văn A", "Giám đốc",
		"08:00–10:30 20/03/2026", "Lê Thị B", "0905123456", "UBND xã Ia Grai (XA-IAGRAI)", "xã Ia Grai", "| 10 |",
		"☐ Máy chiếu", "☒ Phát biểu", "☒ Lưu trữ video", "Đồng ý <hỗ trợ>", "Gia Lai, ngày 02/03/2026", "Thủ trưởng đơn vị"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if !strings.Contains(htm.String(), "Đồng ý &lt;hỗ trợ&gt;") || !strings.Contains(htm.String(), `<html lang="vi">`) ||
		!strings.Contains(htm.String(), "<td>2</td><td>Phường</td><td>UBND phường Pleiku (PHUONG-PLEIKU)") {
		t.Errorf("HTML:\n%s", htm.String())
	}
	cr := csv.NewReader(strings.NewReader(cs.String()))
	cr.FieldsPerRecord = -1 // the form's items, then the table of bridge points
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if ward := recs[len(recs)-2]; ward[1] != "Phường" || ward[3] != "PHUONG-PLEIKU" || ward[5] != "11" {
		t.Errorf("CSV last site = %v", ward)
	}
	if total := recs[len(recs)-1]; total[2] != "Tổng số người tham dự" || total[5] != "21" {
		t.Errorf("CSV total row = %v", total)
	}
	var en bytes.Buffer
	_ = WriteBookingReport(&en, r, "md", "en")
	if !strings.Contains(en.String(), "Appendix I") || !strings.Contains(en.String(), "Head of unit") {
		t.Errorf("English form:\n%s", en.String())
	}
	var st bytes.Buffer
	if err := WriteBookingStatus(&st, r.Status, "vi"); err != nil {
		t.Fatal(err)
	}
	if !hasLine(st.String(), "Sở xác nhận", "09:00 03/03/2026") || !hasLine(st.String(), "kiểm tra lần cuối", "07:30 20/03/2026") {
		t.Errorf("status:\n%s", st.String())
	}
}
