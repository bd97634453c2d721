package endpoints

import (
	"testing"
)

// FuzzParseRegistryCSV feeds arbitrary bytes to the registry CSV parser: it never panics, and it
// either accepts rows or names a problem with a line number inside the file.
func FuzzParseRegistryCSV(f *testing.F) {
	f.Add([]byte("id,name,unit_id,unit_name,unit_kind,role,room,address,device_ip\nXA-IAGRAI,Xã Ia Grai,XA-IAGRAI,Xã Ia Grai,commune,sub,Phòng họp,Ia Grai,10.0.0.1\n"))
	f.Add([]byte("\xef\xbb\xbfid,name\n\"unterminated\n"))
	f.Add([]byte("id,name,unit_id,unit_name,unit_kind,role\nA,,,,,\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, problems := parseRegistryCSV(data, "vi")
		lines := 1
		for _, b := range data {
			if b == '\n' {
				lines++
			}
		}
		for _, p := range problems {
			if p.Line < 0 || p.Line > lines+1 {
				t.Fatalf("problem on line %d of a %d-line file: %+v", p.Line, lines, p)
			}
			if p.Reason == "" {
				t.Fatalf("problem without a reason: %+v", p)
			}
		}
		if len(problems) == 0 {
			for _, r := range rows {
				_ = r
			}
		}
	})
}
