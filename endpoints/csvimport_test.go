package endpoints

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"diemcau/store"
)

func TestImportGoodFile(t *testing.T) {
	r, st := newTestRegistry(t)
	ctx := context.Background()
	if n := importFile(t, r, "registry-good.csv"); n != 5 {
		t.Fatalf("imported %d bridge points, want 5", n)
	}
	bps, err := r.BridgePoints(ctx)
	if err != nil || len(bps) != 5 {
		t.Fatalf("BridgePoints = %d, %v", len(bps), err)
	}
	want := store.BridgePoint{ID: "UBND-TINH", Name: "Phòng họp UBND tỉnh", UnitID: "UBND-TINH", Role: "main",
		Room: "Phòng họp trực tuyến", Address: "Phường Quy Nhơn, tỉnh Gia Lai", DeviceIP: "10.60.0.10"}
	if bps[0] != want {
		t.Fatalf("first bridge point = %+v, want %+v", bps[0], want)
	}
	v6, err := st.BridgePoint(ctx, "XA-IAGRAI-2")
	if err != nil || v6.DeviceIP != "2001:db8::1" {
		t.Fatalf("IPv6 bridge point = %+v, %v; want canonical 2001:db8::1", v6, err)
	}
	units, err := st.Units(ctx)
	if err != nil || len(units) != 4 {
		t.Fatalf("Units = %+v, %v; want 4 (XA-IAGRAI shared by two rows)", units, err)
	}
}

func TestImportReportsEveryProblemAndWritesNothing(t *testing.T) {
	r, st := newTestRegistry(t)
	ctx := context.Background()
	importFile(t, r, "registry-good.csv")
	before := registrySize(t, st)

	f, err := os.Open(filepath.Join("testdata", "registry-bad.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := r.Import(ctx, f, "")
	var ie *ImportError
	if !errors.As(err, &ie) || n != 0 {
		t.Fatalf("Import of a bad file = %d, %v; want 0 and *ImportError", n, err)
	}
	var got []string
	for _, p := range ie.Problems {
		got = append(got, fmt.Sprintf("%d:%s", p.Line, p.Field))
	}
	want := []string{"3:id", "4:name", "4:unit_kind", "5:role", "6:", "7:device_ip", "8:id", "8:unit_name", "8:role"}
	if !slices.Equal(got, want) {
		t.Fatalf("problems at %v\nwant %v\n%v", got, want, err)
	}
	if !strings.Contains(err.Error(), `dòng 7, cột device_ip: địa chỉ IP không hợp lệ: "10.0.0.999"`) {
		t.Errorf("Vietnamese message missing, got:\n%v", err)
	}
	if after := registrySize(t, st); after != before {
		t.Fatalf("a failed import wrote rows: %v before, %v after", before, after)
	}
	if _, err := st.BridgePoint(ctx, "XA-KONG"); !errors.Is(err, store.ErrNotFound) {
		t.Fatal("the valid row of a failed import was written")
	}

	f.Seek(0, 0)
	_, err = r.Import(ctx, f, "en")
	if err == nil || !strings.Contains(err.Error(), `line 7, field device_ip: invalid IP address "10.0.0.999"`) ||
		!strings.Contains(err.Error(), "line 6: has 8 fields, the header has 9") {
		t.Errorf("English message missing, got:\n%v", err)
	}
}

// registrySize counts units and bridge points.
func registrySize(t *testing.T, st *store.Store) [2]int {
	t.Helper()
	us, err := st.Units(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bps, err := st.BridgePoints(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return [2]int{len(us), len(bps)}
}

func TestImportWithBOM(t *testing.T) {
	r, st := newTestRegistry(t)
	data, err := os.ReadFile(filepath.Join("testdata", "registry-good.csv"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := r.Import(context.Background(), strings.NewReader("\uFEFF"+string(data)), "vi")
	if err != nil || n != 5 {
		t.Fatalf("Import with BOM = %d, %v", n, err)
	}
	if _, err := st.BridgePoint(context.Background(), "UBND-TINH"); err != nil {
		t.Fatalf("first row after BOM: %v", err)
	}
}

const goodHeader = "id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\n"
const goodRow = "XA-A,Xã A,XA-A,UBND xã A,commune,sub,,,\n"

func TestImportFileShapeProblems(t *testing.T) {
	cases := []struct {
		name, csv string
		want      []string // line:field of each problem
	}{
		{"empty file", "", []string{"1:"}},
		{"header only", goodHeader, []string{"1:"}},
		{"unknown column", "id,name,unit_id,unit_name,unit_kind,role,colour\nXA-A,Xã A,XA-A,UBND xã A,commune,sub,red\n", []string{"1:colour"}},
		{"missing column", "id,name,unit_id,unit_kind,role\nXA-A,Xã A,XA-A,commune,sub\n", []string{"1:unit_name"}},
		{"duplicate column", "id,name,unit_id,unit_name,unit_kind,role,name\nXA-A,Xã A,XA-A,UBND,commune,sub,B\n", []string{"1:name"}},
		{"bare quote", goodHeader + goodRow + "XA-B,Xã \"B\",XA-B,UBND,commune,sub,,,\n", []string{"3:"}},
		{"columns in another order", "role,unit_kind,unit_name,unit_id,name,id\nsub,commune,UBND xã A,XA-A,Xã A,XA-A\n", nil},
		{"ip with zone", goodHeader + "XA-A,Xã A,XA-A,UBND xã A,commune,sub,,,fe80::1%eth0\n", []string{"2:device_ip"}},
		{"name too long", goodHeader + "XA-A," + strings.Repeat("a", 201) + ",XA-A,UBND xã A,commune,sub,,,\n", []string{"2:name"}},
		{"bad unit code", goodHeader + "XA-A,Xã A,xa a,UBND xã A,commune,sub,,,\n", []string{"2:unit_id"}},
		{"unit kind differs", goodHeader + goodRow + "XA-B,Xã B,XA-A,UBND xã A,ward,sub,,,\n", []string{"3:unit_kind"}},
		{"invalid UTF-8", goodHeader + "XA-A,X\xff,XA-A,UBND xã A,commune,sub,,,\n", []string{"2:name"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, st := newTestRegistry(t)
			_, err := r.Import(context.Background(), strings.NewReader(c.csv), "vi")
			var got []string
			var ie *ImportError
			if errors.As(err, &ie) {
				for _, p := range ie.Problems {
					got = append(got, fmt.Sprintf("%d:%s", p.Line, p.Field))
				}
			} else if err != nil {
				t.Fatalf("error is not an *ImportError: %v", err)
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("problems %v, want %v (%v)", got, c.want, err)
			}
			if size := registrySize(t, st); c.want != nil && size != [2]int{} {
				t.Fatalf("rows written despite problems: %v", size)
			}
		})
	}
}

func TestImportMainBridgePointRules(t *testing.T) {
	const main = "UBND-TINH,Phòng họp UBND tỉnh,UBND-TINH,UBND tỉnh,province,main,,,\n"
	cases := []struct {
		name, first, second string
		wantErr             bool
	}{
		{"two mains in one file", goodHeader + main + "SO-KHCN,Sở KHCN,SO-KHCN,Sở KHCN,agency,main,,,\n", "", true},
		{"a second main beside the registry's", goodHeader + main, goodHeader + "SO-KHCN,Sở KHCN,SO-KHCN,Sở KHCN,agency,main,,,\n", true},
		{"main moves when the old one is listed as sub", goodHeader + main,
			goodHeader + "SO-KHCN,Sở KHCN,SO-KHCN,Sở KHCN,agency,main,,,\nUBND-TINH,Phòng họp UBND tỉnh,UBND-TINH,UBND tỉnh,province,sub,,,\n", false},
		{"reimport of the same main", goodHeader + main, goodHeader + main, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, st := newTestRegistry(t)
			ctx := context.Background()
			_, err := r.Import(ctx, strings.NewReader(c.first), "vi")
			if c.second != "" {
				if err != nil {
					t.Fatalf("first import: %v", err)
				}
				_, err = r.Import(ctx, strings.NewReader(c.second), "vi")
			}
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			var ie *ImportError
			if c.wantErr && !errors.As(err, &ie) {
				t.Fatalf("err %v is not an *ImportError", err)
			}
			bps, _ := st.BridgePoints(ctx)
			mains := 0
			for _, bp := range bps {
				if bp.Role == "main" {
					mains++
				}
			}
			if mains > 1 {
				t.Fatalf("%d main bridge points in the registry", mains)
			}
		})
	}
}

func TestImportLimits(t *testing.T) {
	r, st := newTestRegistry(t)
	ctx := context.Background()
	var b strings.Builder
	b.WriteString(goodHeader)
	for i := range maxImportRows + 1 {
		fmt.Fprintf(&b, "XA-%05d,Xã %d,XA-%05d,UBND xã %d,commune,sub,,,\n", i, i, i, i)
	}
	_, err := r.Import(ctx, strings.NewReader(b.String()), "en")
	var ie *ImportError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "more than 10000") {
		t.Fatalf("too many rows: %v", err)
	}
	huge := strings.NewReader(goodHeader + strings.Repeat(" ", maxImportBytes))
	if _, err := r.Import(ctx, huge, "en"); !errors.As(err, &ie) || !strings.Contains(err.Error(), "larger than 10 MB") {
		t.Fatalf("too large: %v", err)
	}
	if size := registrySize(t, st); size != [2]int{} {
		t.Fatalf("rows written: %v", size)
	}
}

// The province's sample registry (written for the demo) must import cleanly.
func TestImportSampleRegistry(t *testing.T) {
	path := filepath.Join("..", "testdata", "registry-gialai.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("sample registry: %v", err)
	}
	defer f.Close()
	r, _ := newTestRegistry(t)
	n, err := r.Import(context.Background(), f, "vi")
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	if n < 150 {
		t.Fatalf("sample registry has %d bridge points, want 150 or more", n)
	}
	bps, _ := r.BridgePoints(context.Background())
	if len(bps) != n || bps[0].Role != "main" || bps[1].Role != "sub" {
		t.Fatalf("after sample import: %d bridge points, first %+v", len(bps), bps[0])
	}
}
