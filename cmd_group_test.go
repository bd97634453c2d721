package main

import (
	"context"
	"strings"
	"testing"

	"diemcau/store"
)

// TestGroupRoundTrip: the built-in groups follow the registry's unit kinds (135 communes and
// wards, nothing else); a user group is added by ids and names as said, shown, edited, listed
// and imported from CSV, every write audited; bad input is refused in Vietnamese, naming the
// line and column (file) or the flag, and nothing is written.
func TestGroupRoundTrip(t *testing.T) {
	r := newBookingRig(t)
	list := r.mustRun("group", "list")
	for _, want := range []string{"tat-ca-xa-phuong  tất cả xã, phường", "135", "tat-ca-xa ", "110", "tat-ca-phuong", "25",
		"cac-so-ban-nganh", "20", "toan-bo", "156"} {
		if !strings.Contains(list, want) {
			t.Errorf("group list lacks %q:\n%s", want, list)
		}
	}
	show := r.mustRun("group", "show", "tất cả xã, phường")
	if !strings.HasPrefix(show, "tat-ca-xa-phuong «tất cả xã, phường»: 135") || strings.Contains(show, "SO-KHCN") ||
		strings.Contains(show, "UBND-TINH") || !strings.Contains(show, "XA-IAGRAI") {
		t.Fatalf("show:\n%s", show)
	}

	out := r.mustRun("group", "add", "dak-doa-cu", "--name", "Các xã huyện Đak Đoa cũ", "XA-IAO", "Xã Ia Grai", "XA-IAGRAI")
	if !strings.Contains(out, "dak-doa-cu «Các xã huyện Đak Đoa cũ»: 2") {
		t.Fatalf("add: %s", out)
	}
	msg := r.mustRefuse("group", "add", "dak-doa-cu", "--name", "lại", "XA-IAO")
	if !strings.Contains(msg, "--id: đã có nhóm \"dak-doa-cu\"") {
		t.Errorf("add twice: %s", msg)
	}
	msg = r.mustRefuse("group", "add", "Sai Mã", "--name", "x", "Xa Ia Graii")
	if !strings.Contains(msg, "mã nhóm \"Sai Mã\" không hợp lệ") || !strings.Contains(msg, "--site: không có điểm cầu \"Xa Ia Graii\"") {
		t.Errorf("bad add: %s", msg)
	}
	out = r.mustRun("group", "edit", "dak-doa-cu", "--remove", "Xã Ia O", "--add", "tat-ca-phuong", "--name", "Ia Grai và các phường")
	if !strings.Contains(out, "«Ia Grai và các phường»: 26") {
		t.Fatalf("edit: %s", out)
	}
	if msg := r.mustRefuse("group", "edit", "tat-ca-xa", "--add", "SO-KHCN"); !strings.Contains(msg, "nhóm có sẵn") {
		t.Errorf("edit of a built-in group: %s", msg)
	}

	bad := r.file("bad.csv", "group_id,group_name,bridge_point\nbien-gioi,Các xã biên giới,XA-IAGRAI\nbien-gioi,Các xã biên giới,KHONG-CO\n")
	if msg := r.mustRefuse("group", "import", bad); !strings.Contains(msg, "dòng 3, cột bridge_point: không có điểm cầu \"KHONG-CO\"") {
		t.Errorf("bad import: %s", msg)
	}
	good := r.file("good.csv", "group_id,group_name,bridge_point\nbien-gioi,Các xã biên giới,XA-IAGRAI\nbien-gioi,,Xã Nhơn Châu\nso-y-te,Y tế,SO-KHCN\n")
	if out := r.mustRun("group", "import", good); !strings.Contains(out, "2 nhóm") {
		t.Fatalf("import: %s", out)
	}
	show = r.mustRun("group", "show", "bien-gioi", "--lang", "en")
	if !strings.Contains(show, "bien-gioi «Các xã biên giới»: 2") || !strings.Contains(show, "XA-NHONCHAU") {
		t.Fatalf("imported group:\n%s", show)
	}

	st, err := store.Open(context.Background(), r.db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, _ := st.AuditLog(context.Background(), 0)
	actions := map[string]int{}
	for _, e := range log {
		actions[e.Action]++
	}
	if actions["group_add"] != 1 || actions["group_edit"] != 1 || actions["group_import"] != 1 {
		t.Errorf("audit = %v", actions)
	}
}
