package main

// cliText is the command line's catalogue: every message the command line prints, per language.
var cliText = map[string]map[string]string{
	"vi": {
		"unknownCommand":  "lệnh không rõ: %q\n\n",
		"badFlags":        "%s: tham số sai: %v\n",
		"badLang":         "--lang phải là vi hoặc en, không phải %q\n",
		"flagsOf":         "Tham số của %s:\n",
		"needFile":        "thiếu tệp: diemcau import bridgepoints TỆP.csv\n",
		"imported":        "Đã nhập %d điểm cầu từ %s.\n",
		"importFailed":    "không nhập gì từ %s:\n%v\n",
		"unknownBP":       "không có điểm cầu %q trong danh sách\n",
		"needID":          "thiếu mã điểm cầu: diemcau bridgepoint rotate MÃ\n",
		"rotated":         "Mã tham gia mới của %s (chỉ hiện một lần, hãy lưu lại):\n%s\n",
		"endpointArgs":    "cần --url, --id và --token (hoặc biến DIEMCAU_TOKEN)\n",
		"emptyRegistry":   "Danh sách điểm cầu trống: đang nhập danh sách mẫu %s\n",
		"demoTitle":       "Hội nghị trực tuyến toàn tỉnh (trình diễn)",
		"demoHost":        "Văn phòng UBND tỉnh Gia Lai",
		"demoChair":       "Chủ tịch UBND tỉnh (mẫu)",
		"adhocTitle":      "Cuộc họp trực tuyến",
		"adhocHost":       "Trung tâm Chuyển đổi số",
		"demoN":           "-n phải từ 1 đến %d (số điểm cầu trong danh sách), không phải %d\n",
		"schemaTooNew":    "cơ sở dữ liệu này do một phiên bản diemcau mới hơn tạo ra; hãy dùng bản mới hơn (tệp không bị thay đổi). Chi tiết: %v",
		"demoNoMedia":     "không tìm thấy đoạn phim mẫu của cuộc họp trình diễn (%v): chạy trong thư mục mã nguồn diemcau hoặc chỉ rõ --media THƯ_MỤC (thư mục testdata)\n",
		"tlsPair":         "--tls-cert và --tls-key phải đi cùng nhau: cần cả tệp chứng chỉ lẫn tệp khóa\n",
		"serveListening":  "diemcau đang chạy: HTTP %s, SSH %s (khóa được phép: %s). Ctrl+C để dừng.\n",
		"notSupported":    "%s chưa có trong phiên bản này\n",
		"subcommandUsage": "dùng: %s\n",
		"benchArgs":       "bench: cần --endpoints ≥ 2, --seconds > 0 và --bitrate như 1.5M\n",
		"reportUsage":     "diemcau report meeting MÃ-CUỘC-HỌP [--format md|csv|html] [--lang vi|en]",
		"reportFormat":    "--format phải là md, csv hoặc html, không phải %q\n",
	},
	"en": {
		"unknownCommand":  "unknown command: %q\n\n",
		"badFlags":        "%s: bad flags: %v\n",
		"badLang":         "--lang must be vi or en, not %q\n",
		"flagsOf":         "Flags of %s:\n",
		"needFile":        "missing file: diemcau import bridgepoints FILE.csv\n",
		"imported":        "Imported %d bridge points from %s.\n",
		"importFailed":    "nothing imported from %s:\n%v\n",
		"unknownBP":       "no bridge point %q in the registry\n",
		"needID":          "missing bridge point id: diemcau bridgepoint rotate ID\n",
		"rotated":         "New join secret of %s (shown only once, keep it):\n%s\n",
		"endpointArgs":    "need --url, --id and --token (or DIEMCAU_TOKEN)\n",
		"emptyRegistry":   "The registry is empty: importing the sample registry %s\n",
		"demoTitle":       "Province-wide online meeting (demo)",
		"demoHost":        "Office of the Gia Lai Provincial People's Committee",
		"demoChair":       "Chair of the Provincial People's Committee (sample)",
		"adhocTitle":      "Online meeting",
		"adhocHost":       "Digital Transformation Center",
		"demoN":           "-n must be 1 to %d (the bridge points in the registry), not %d\n",
		"schemaTooNew":    "this database was written by a newer diemcau; use that newer version (the file was not changed). Detail: %v",
		"demoNoMedia":     "the demo's media clips were not found (%v): run inside the diemcau source folder or give --media DIR (the testdata folder)\n",
		"tlsPair":         "--tls-cert and --tls-key go together: both the certificate and the key file are needed\n",
		"serveListening":  "diemcau is running: HTTP %s, SSH %s (authorized keys: %s). Ctrl+C to stop.\n",
		"notSupported":    "%s is not in this version yet\n",
		"subcommandUsage": "usage: %s\n",
		"benchArgs":       "bench: need --endpoints ≥ 2, --seconds > 0 and --bitrate like 1.5M\n",
		"reportUsage":     "diemcau report meeting MEETING-ID [--format md|csv|html] [--lang vi|en]",
		"reportFormat":    "--format must be md, csv or html, not %q\n",
	},
}

// msg returns the message key in lang, falling back to Vietnamese.
func msg(lang, key string) string {
	if s, ok := cliText[lang][key]; ok {
		return s
	}
	return cliText["vi"][key]
}

// usageText is the top-level help.
func usageText(lang string) string {
	if lang == "en" {
		return `diemcau — control center of the provincial videoconference network

Commands:
  diemcau [console]                 console with the MCU and HTTP server, on an empty meeting
  diemcau demo [-n N]               console on a live demo meeting with N soft bridge points (default 24)
  diemcau serve                     headless: MCU, HTTP and the SSH server for technicians' consoles
  diemcau endpoint --url URL --id ID --token TOKEN   one soft bridge point
  diemcau import bridgepoints FILE.csv               load the bridge-point registry
  diemcau bridgepoint rotate ID     issue a new join secret (printed once)
  diemcau booking add|edit|list|due|show|confirm|notify-power|test-done|final-check|...
                                    meeting bookings (Appendix I) and their deadlines
  diemcau technician add|list|import   the technician roster
  diemcau report meeting ID | booking ID | annual --year Y | technicians   [--format md|csv|html]
  diemcau bench [--endpoints N] [--seconds S] [--mcu-cpu LIST] [--json FILE]   load test of the MCU

Common flags: --db PATH, --http ADDR, --ssh ADDR, --authorized-keys PATH, --tls-cert FILE --tls-key FILE, --lang vi|en, --media DIR, --log FILE
`
	}
	return `diemcau — Trung tâm điều khiển hệ thống họp trực tuyến của tỉnh

Lệnh:
  diemcau [console]                 bảng điều khiển với MCU và máy chủ HTTP, cuộc họp trống
  diemcau demo [-n N]               bảng điều khiển trên cuộc họp trình diễn với N điểm cầu mềm (mặc định 24)
  diemcau serve                     chạy nền: MCU, HTTP và máy chủ SSH cho bảng điều khiển của kỹ thuật viên
  diemcau endpoint --url URL --id MÃ --token MÃ-THAM-GIA   một điểm cầu mềm
  diemcau import bridgepoints TỆP.csv                      nhập danh sách điểm cầu
  diemcau bridgepoint rotate MÃ     cấp mã tham gia mới (chỉ in một lần)
  diemcau booking add|edit|list|due|show|confirm|notify-power|test-done|final-check|...
                                    đăng ký cuộc họp (Phụ lục I) và các hạn theo quy chế
  diemcau technician add|list|import   danh sách cán bộ kỹ thuật
  diemcau report meeting MÃ | booking MÃ | annual --year NĂM | technicians   [--format md|csv|html]
  diemcau bench [--endpoints N] [--seconds S] [--mcu-cpu DS-CPU] [--json TỆP]   thử tải MCU

Tham số chung: --db TỆP, --http ĐỊA-CHỈ, --ssh ĐỊA-CHỈ, --authorized-keys TỆP, --tls-cert TỆP --tls-key TỆP, --lang vi|en, --media THƯ-MỤC, --log TỆP
`
}
