package main

import (
	"flag"

	"diemcau/i18n"
)

// cliText is the command line's catalogue: every message the command line prints, in both
// languages.
var cliText = i18n.New[string]("diemcau/cli").Add(cliTextVI, cliTextEN)

// cliTextVI is the Vietnamese text (the default).
var cliTextVI = map[string]string{
	"unknownCommand":    "lệnh không rõ: %q; xem các lệnh: diemcau help\n",
	"badFlags":          "%s: tham số sai: %v\n",
	"badLang":           "--lang phải là vi hoặc en, không phải %q\n",
	"flagsOf":           "Tham số của %s:\n",
	"needFile":          "thiếu tệp: diemcau import bridgepoints TỆP.csv\n",
	"imported":          "Đã nhập %d điểm cầu từ %s.\n",
	"importFailed":      "không nhập gì từ %s:\n%v\n",
	"unknownBP":         "không có điểm cầu %q trong danh sách\n",
	"needID":            "thiếu mã điểm cầu: diemcau bridgepoint rotate MÃ\n",
	"rotated":           "Mã tham gia mới của %s (chỉ hiện một lần, hãy lưu lại):\n%s\n",
	"endpointArgs":      "cần --url, --id và --token (hoặc biến DIEMCAU_TOKEN)\n",
	"emptyRegistry":     "Danh sách điểm cầu trống: đang nhập danh sách mẫu %s\n",
	"demoTitle":         "Hội nghị trực tuyến toàn tỉnh (trình diễn)",
	"demoHost":          "Văn phòng UBND tỉnh Gia Lai",
	"demoChair":         "Chủ tịch UBND tỉnh (mẫu)",
	"adhocTitle":        "Cuộc họp trực tuyến",
	"adhocHost":         "Trung tâm Chuyển đổi số",
	"demoN":             "-n phải từ 1 đến %d (số điểm cầu trong danh sách), không phải %d",
	"needTerminal":      "bảng điều khiển cần một cửa sổ dòng lệnh (terminal); chạy không có terminal thì dùng `diemcau serve`",
	"schemaTooNew":      "cơ sở dữ liệu này do một phiên bản diemcau mới hơn tạo ra; hãy dùng bản mới hơn (tệp không bị thay đổi). Chi tiết: %v",
	"demoNMin":          "-n phải từ 1 trở lên (số điểm cầu mềm), không phải %d\n",
	"noTestdata":        "không tìm thấy thư mục testdata chứa các đoạn phim mẫu ở thư mục hiện tại hay các thư mục cha: chạy trong thư mục mã nguồn diemcau hoặc chỉ rõ --media THƯ_MỤC",
	"clipMissing":       "thiếu đoạn phim mẫu %s (--media %s)",
	"clipBroken":        "đoạn phim mẫu trong %s (--media) hỏng hoặc không đọc được: %v",
	"mcuStart":          "không khởi động được MCU trên %s (--udp-port): %v",
	"logOpen":           "không mở được tệp nhật ký %s (--log): %v",
	"lockOpen":          "không tạo được tệp khóa %s cạnh cơ sở dữ liệu: %v",
	"dbInUse":           "cơ sở dữ liệu %s đang được một diemcau khác dùng: %s. Không thể chạy hai máy chủ trên cùng một cơ sở dữ liệu; dừng máy chủ kia trước, hoặc dùng --db khác (khóa: %s)",
	"holder":            "%s (pid %d) trên máy %s từ %s",
	"holderUnknown":     "một tiến trình chưa rõ (vừa khởi động)",
	"keysCreate":        "không tạo được tệp khóa được phép %s (--authorized-keys): %v",
	"sshHostKey":        "không dựng được máy chủ SSH với khóa máy chủ %s (tệp hỏng hoặc không ghi được): %v",
	"tlsPair":           "--tls-cert và --tls-key phải đi cùng nhau: cần cả tệp chứng chỉ lẫn tệp khóa\n",
	"seeHelp":           "xem danh sách tham số: diemcau %s -h\n",
	"flagUnknown":       "không có tham số --%s",
	"flagNeedsValue":    "tham số --%s cần một giá trị",
	"flagSyntax":        "tham số viết sai: %q",
	"flagBadValue":      "giá trị %q không hợp lệ cho --%s",
	"badAddr":           "--%s phải là địa chỉ dạng MÁY:CỔNG với cổng từ 0 đến 65535 (ví dụ 127.0.0.1:8080), không phải %q\n",
	"badUDPPort":        "--udp-port phải từ 0 đến 65535, không phải %d\n",
	"badSIPRedial":      "--sip-redial phải là số lần gọi lại từ 0 đến 20, không phải %d\n",
	"badSIPRedialEvery": "--sip-redial-every phải là khoảng chờ từ 1s đến 10m (ví dụ 10s), không phải %s\n",
	"importUsage":       "diemcau import bridgepoints TỆP.csv [--db TỆP] [--actor TÊN]",
	"listenInUse":       "địa chỉ %s (%s) đang được chương trình khác dùng (có thể một diemcau khác đang chạy): %v",
	"listenFailed":      "không nghe được trên %s (%s): %v",
	"extraArgs":         "%s: thừa tham số %q (lệnh này không nhận tham số vị trí)\n",
	"rotateUsage":       "diemcau bridgepoint rotate MÃ [--db TỆP] [--actor TÊN] | sip-trust MÃ on|off [--db TỆP] [--actor TÊN]",
	"sipTrustUsage":     "diemcau bridgepoint sip-trust MÃ on|off [--db TỆP] [--actor TÊN]",
	"sipTrustOn":        "%s: thiết bị SIP gọi từ %s được nhận không cần mật khẩu.\n",
	"sipTrustNoIP":      "%s chưa có địa chỉ thiết bị (device_ip) trong danh sách điểm cầu: nhập lại danh sách với cột device_ip trước khi tin theo địa chỉ\n",
	"sipTrustOff":       "%s: thiết bị SIP phải đăng nhập bằng mã tham gia (digest).\n",
	"badSIPAddr":        "--sip phải là địa chỉ dạng MÁY:CỔNG với cổng từ 0 đến 65535 (ví dụ 0.0.0.0:5060) hoặc off, không phải %q\n",
	"sipTLSPair":        "--sip-tls-cert và --sip-tls-key phải đi cùng nhau: cần cả tệp chứng chỉ lẫn tệp khóa để mở SIP qua TLS\n",
	"badSIPRTPPorts":    "--sip-rtp-ports phải là dải cổng UDP dạng NHỎ-LỚN với 1024 ≤ NHỎ < LỚN ≤ 65535 và ít nhất %[2]d cổng (ví dụ 40000-40999), không phải %[1]q\n",
	"sipBusyDefault":    "Chưa mở SIP: địa chỉ mặc định %s (--sip) đang được chương trình khác dùng; thiết bị phòng họp SIP chưa gọi vào được. Chọn địa chỉ khác bằng --sip MÁY:CỔNG, hoặc --sip off.\n",
	"tlsLoad":           "không nạp được chứng chỉ %s %s và khóa %s %s (cần hai tệp PEM khớp nhau): %v",
	"unknownMeeting":    "không có cuộc họp #%d trong cơ sở dữ liệu\n",
	"dbIsDir":           "--db %s là một thư mục, không phải tệp cơ sở dữ liệu",
	"dbNoDir":           "không có thư mục %s để chứa cơ sở dữ liệu --db %s",
	"dbOpen":            "không mở được cơ sở dữ liệu %s (--db): %s",
	"dbNotSQLite":       "tệp %s (--db) không phải cơ sở dữ liệu SQLite của diemcau",
	"fileMissing":       "không có tệp %s (%s)",
	"fileDenied":        "không có quyền đọc tệp %s (%s)",
	"fileIsDir":         "%s (%s) là một thư mục, không phải tệp",
	"fileUnreadable":    "không đọc được tệp %s (%s): %v",
	"tokenFileEmpty":    "tệp mã API %s (--api-token-file) trống: ghi mã vào tệp hoặc bỏ tham số này để tắt /api/v1",
	"badAttendees":      "--attendees phải là số người dự từ 0 đến 10000, không phải %d\n",
	"badVideoCodec":     "--video-codec phải là vp8 hoặc h264, không phải %q\n",
	"noH264Clip":        "--video-codec h264: thư mục media %s không có đoạn H.264 video-720p.h264\n",
	"badURL":            "--url phải là địa chỉ http:// hoặc https:// có tên máy (ví dụ http://127.0.0.1:8080), không phải %q\n",
	"serveListening":    "diemcau đang chạy: HTTP %s, SSH %s (khóa được phép: %s). Ctrl+C để dừng.\n",
	"notSupported":      "%s chưa có trong phiên bản này\n",
	"subcommandUsage":   "dùng: %s\n",
	"benchArgs":         "bench: cần --endpoints ≥ 2, --seconds > 0 và --bitrate như 1.5M\n",
	"benchSIPArgs":      "bench: --sip phải ≥ 0 và --endpoints + --sip không quá %d (đang là --sip %d, --endpoints %d)\n",
	"reportUsage":       "diemcau report meeting MÃ-CUỘC-HỌP [--format md|csv|html] [--lang vi|en]",
	"reportFormat":      "--format phải là md, csv hoặc html, không phải %q\n",
}

// cliTextEN is the English text (--lang en).
var cliTextEN = map[string]string{
	"unknownCommand":    "unknown command: %q; see the commands: diemcau help\n",
	"badFlags":          "%s: bad flags: %v\n",
	"badLang":           "--lang must be vi or en, not %q\n",
	"flagsOf":           "Flags of %s:\n",
	"needFile":          "missing file: diemcau import bridgepoints FILE.csv\n",
	"imported":          "Imported %d bridge points from %s.\n",
	"importFailed":      "nothing imported from %s:\n%v\n",
	"unknownBP":         "no bridge point %q in the registry\n",
	"needID":            "missing bridge point id: diemcau bridgepoint rotate ID\n",
	"rotated":           "New join secret of %s (shown only once, keep it):\n%s\n",
	"endpointArgs":      "need --url, --id and --token (or DIEMCAU_TOKEN)\n",
	"emptyRegistry":     "The registry is empty: importing the sample registry %s\n",
	"demoTitle":         "Province-wide online meeting (demo)",
	"demoHost":          "Office of the Gia Lai Provincial People's Committee",
	"demoChair":         "Chair of the Provincial People's Committee (sample)",
	"adhocTitle":        "Online meeting",
	"adhocHost":         "Digital Transformation Center",
	"demoN":             "-n must be 1 to %d (the bridge points in the registry), not %d",
	"needTerminal":      "the console needs a terminal; without one, use `diemcau serve`",
	"schemaTooNew":      "this database was written by a newer diemcau; use that newer version (the file was not changed). Detail: %v",
	"demoNMin":          "-n must be 1 or more (soft bridge points), not %d\n",
	"noTestdata":        "no testdata folder with the sample clips in the working folder or its parents: run inside the diemcau source folder or give --media DIR",
	"clipMissing":       "the sample clip %s is missing (--media %s)",
	"clipBroken":        "a sample clip in %s (--media) is broken or unreadable: %v",
	"mcuStart":          "cannot start the MCU on %s (--udp-port): %v",
	"logOpen":           "cannot open the log file %s (--log): %v",
	"lockOpen":          "cannot create the lock file %s beside the database: %v",
	"dbInUse":           "the database %s is in use by another diemcau: %s. Two servers cannot run on one database; stop the other one first, or use another --db (lock: %s)",
	"holder":            "%s (pid %d) on host %s since %s",
	"holderUnknown":     "a process not yet known (just starting)",
	"keysCreate":        "cannot create the authorized keys file %s (--authorized-keys): %v",
	"sshHostKey":        "cannot set up the SSH server with the host key %s (broken or not writable): %v",
	"tlsPair":           "--tls-cert and --tls-key go together: both the certificate and the key file are needed\n",
	"seeHelp":           "list of flags: diemcau %s -h\n",
	"flagUnknown":       "there is no flag --%s",
	"flagNeedsValue":    "flag --%s needs a value",
	"flagSyntax":        "badly written flag: %q",
	"flagBadValue":      "invalid value %q for --%s",
	"badAddr":           "--%s must be an address HOST:PORT with a port from 0 to 65535 (e.g. 127.0.0.1:8080), not %q\n",
	"badUDPPort":        "--udp-port must be from 0 to 65535, not %d\n",
	"badSIPRedial":      "--sip-redial must be a number of redials from 0 to 20, not %d\n",
	"badSIPRedialEvery": "--sip-redial-every must be a wait from 1s to 10m (e.g. 10s), not %s\n",
	"importUsage":       "diemcau import bridgepoints FILE.csv [--db FILE] [--actor NAME]",
	"listenInUse":       "the address %s (%s) is in use by another program (perhaps another diemcau is running): %v",
	"listenFailed":      "cannot listen on %s (%s): %v",
	"extraArgs":         "%s: unexpected argument %q (this command takes none)\n",
	"rotateUsage":       "diemcau bridgepoint rotate ID [--db FILE] [--actor NAME] | sip-trust ID on|off [--db FILE] [--actor NAME]",
	"sipTrustUsage":     "diemcau bridgepoint sip-trust ID on|off [--db FILE] [--actor NAME]",
	"sipTrustOn":        "%s: its SIP terminal calling from %s is admitted without a password.\n",
	"sipTrustNoIP":      "%s has no device address (device_ip) in the registry: import the registry with its device_ip column before trusting it by address\n",
	"sipTrustOff":       "%s: its SIP terminal must sign in with its join secret (digest).\n",
	"badSIPAddr":        "--sip must be an address HOST:PORT with a port from 0 to 65535 (e.g. 0.0.0.0:5060) or off, not %q\n",
	"sipTLSPair":        "--sip-tls-cert and --sip-tls-key go together: both the certificate and the key file are needed for SIP over TLS\n",
	"badSIPRTPPorts":    "--sip-rtp-ports must be a UDP port range MIN-MAX with 1024 ≤ MIN < MAX ≤ 65535 and at least %[2]d ports (e.g. 40000-40999), not %[1]q\n",
	"sipBusyDefault":    "SIP not started: the default address %s (--sip) is in use by another program; room systems cannot call in. Choose another with --sip HOST:PORT, or --sip off.\n",
	"tlsLoad":           "cannot load the certificate %s %s and key %s %s (two matching PEM files are needed): %v",
	"unknownMeeting":    "there is no meeting #%d in the database\n",
	"dbIsDir":           "--db %s is a directory, not a database file",
	"dbNoDir":           "there is no folder %s to hold the database --db %s",
	"dbOpen":            "cannot open the database %s (--db): %s",
	"dbNotSQLite":       "the file %s (--db) is not a diemcau SQLite database",
	"fileMissing":       "no such file %s (%s)",
	"fileDenied":        "no permission to read the file %s (%s)",
	"fileIsDir":         "%s (%s) is a directory, not a file",
	"fileUnreadable":    "cannot read the file %s (%s): %v",
	"tokenFileEmpty":    "the API token file %s (--api-token-file) is empty: write the token into it, or drop the flag to turn /api/v1 off",
	"badAttendees":      "--attendees must be a number of attendees from 0 to 10000, not %d\n",
	"badVideoCodec":     "--video-codec must be vp8 or h264, not %q\n",
	"noH264Clip":        "--video-codec h264: the media folder %s has no H.264 clip video-720p.h264\n",
	"badURL":            "--url must be an http:// or https:// address with a host name (e.g. http://127.0.0.1:8080), not %q\n",
	"serveListening":    "diemcau is running: HTTP %s, SSH %s (authorized keys: %s). Ctrl+C to stop.\n",
	"notSupported":      "%s is not in this version yet\n",
	"subcommandUsage":   "usage: %s\n",
	"benchArgs":         "bench: need --endpoints ≥ 2, --seconds > 0 and --bitrate like 1.5M\n",
	"benchSIPArgs":      "bench: --sip must be ≥ 0 and --endpoints + --sip at most %d (given --sip %d, --endpoints %d)\n",
	"reportUsage":       "diemcau report meeting MEETING-ID [--format md|csv|html] [--lang vi|en]",
	"reportFormat":      "--format must be md, csv or html, not %q\n",
}

// msg returns the message key in lang, falling back to Vietnamese.
func msg(lang, key string) string { return cliText.Text(lang, key) }

// flagHelpVI is the Vietnamese text of each flag's help; the English text is the flag's own
// usage string, where the flag is defined.
var flagHelpVI = map[string]string{
	"auto-open":        "tự mở cuộc họp đã kiểm tra lần cuối khi đến giờ họp",
	"db":               "tệp cơ sở dữ liệu SQLite",
	"http":             "địa chỉ nghe HTTP (WHIP, trang tham gia, API)",
	"ssh":              "địa chỉ nghe SSH cho bảng điều khiển của kỹ thuật viên",
	"lang":             "ngôn ngữ: vi hoặc en",
	"authorized-keys":  "tệp authorized_keys (mặc định: cạnh cơ sở dữ liệu)",
	"api-token-file":   "tệp chứa mã truy cập /api/v1 (nếu không: biến DIEMCAU_API_TOKEN)",
	"media":            "thư mục các đoạn phim mẫu (mặc định: ./testdata)",
	"holidays":         "tệp lịch ngày nghỉ (CSV) thêm vào lịch có sẵn, chỉ cho lần chạy này; muốn giữ cho mọi lệnh và máy chủ thì dùng diemcau calendar import",
	"udp-port":         "cổng UDP dùng chung cho mọi luồng WebRTC (ICE UDP mux); 0 = mỗi điểm cầu một cổng tạm",
	"sip":              "địa chỉ nghe SIP (UDP và TCP) cho thiết bị phòng họp (VCS); off = không mở SIP; với bench: số thiết bị SIP mềm (G.722, H.264) gọi vào cùng các điểm cầu WebRTC",
	"sip-tls":          "địa chỉ nghe SIP qua TLS, khi có --sip-tls-cert (mặc định: máy của --sip, cổng 5061)",
	"sip-tls-cert":     "tệp chứng chỉ TLS (PEM) cho SIP qua TLS, đi cùng --sip-tls-key",
	"sip-tls-key":      "tệp khóa riêng TLS (PEM) cho SIP qua TLS, đi cùng --sip-tls-cert",
	"sip-rtp-ports":    "dải cổng UDP NHỎ-LỚN cho âm thanh/hình của cuộc gọi SIP (cặp RTP/RTCP), để mở tường lửa (mặc định: cổng tạm)",
	"sip-redial":       "số lần gọi lại cuộc gọi tới thiết bị phòng họp bị rớt (0 = không gọi lại)",
	"sip-redial-every": "khoảng chờ trước mỗi lần gọi lại thiết bị phòng họp (1s đến 10m)",
	"tls-cert":         "tệp chứng chỉ TLS (PEM): phục vụ HTTPS, cần cho trình duyệt ở máy khác",
	"tls-key":          "tệp khóa riêng TLS (PEM), đi cùng --tls-cert",
	"log":              "tệp nhật ký (mặc định: diemcau.log cạnh cơ sở dữ liệu với bảng điều khiển, còn lại là stderr)",
	"n":                "số điểm cầu mềm (kể cả điểm cầu chính)",
	"format":           "md, csv hoặc html",
	"year":             "năm của báo cáo",
	"url":              "địa chỉ gốc của máy chủ HTTP diemcau",
	"id":               "mã điểm cầu",
	"token":            "mã tham gia (hoặc biến DIEMCAU_TOKEN)",
	"talk":             "gửi đoạn tiếng nói (false: tiếng phòng)",
	"endpoints":        "số điểm cầu mềm tham gia cùng lúc, kể cả điểm cầu chính",
	"seconds":          "thời gian đo, giây",
	"bitrate":          "tốc độ bit video yêu cầu (chỉ ghi lại; đoạn 720p được gửi nguyên)",
	"json":             "ghi thêm kết quả thành một đối tượng JSON vào tệp này",
	"mcu-cpu":          "danh sách CPU cho tiến trình MCU (taskset -c)",
	"cpuprofile":       "ghi hồ sơ CPU của MCU khi chịu tải vào tệp này",
	"load-cpuprofile":  "ghi hồ sơ CPU của các điểm cầu mềm (tiến trình này) vào tệp này",
	"actor":            "người thực hiện, ghi vào nhật ký",
	"note":             "ghi chú lưu cùng bước",
	"override":         "vẫn nhận khi trùng lịch với cuộc họp khác, vì lý do này (ghi vào nhật ký)",
	"meeting":          "mã cuộc họp trên MCU",
	"trained":          "đã được tập huấn (Điều 6.6)",
	"trained-at":       "ngày tập huấn, YYYY-MM-DD",
	"email":            "địa chỉ thư điện tử",
	"name":             "họ và tên",
	"phone":            "số điện thoại",
	"unit":             "mã đơn vị",
	"dir":              "thư mục chứa bản sao lưu có ngày giờ (diemcau-YYYYMMDD-HHMMSS.db); bản cũ quá --keep bị xóa",
	"keep":             "với --dir: số bản sao lưu giữ lại",
	"env":              "tệp cài đặt của dịch vụ (/etc/diemcau/diemcau.env): kiểm tra DIEMCAU_OPTS với các đường dẫn của gói",
	"server-name":      "tên máy chủ mà các điểm cầu dùng, đối chiếu với chứng chỉ TLS (mặc định: theo --http, nếu không thì tên máy này)",
	"min-free-gb":      "dung lượng trống (GB) cạnh cơ sở dữ liệu dưới mức này là lỗi",
	"add":              "với edit: một điểm cầu (mã hoặc tên) hoặc nhóm cần thêm; lặp lại để thêm nhiều",
	"remove":           "với edit: một điểm cầu (mã hoặc tên) cần bớt; lặp lại để bớt nhiều",
	"attendees":        "số người trong phòng, trả lời điểm danh (0: kỹ thuật viên đếm)",
	"video-codec":      "bộ mã hóa hình camera: vp8 hoặc h264 (mặc định: theo câu trả lời của MCU)",
	"verbose":          "liệt kê mọi đơn vị thiếu cán bộ kỹ thuật đã tập huấn, không chỉ số lượng",
	"title":            "cuộc họp đột xuất: tên cuộc họp",
	"main":             "cuộc họp đột xuất: điểm cầu chính (mặc định: điểm cầu chính của danh mục)",
	"host-unit":        "cuộc họp đột xuất: đơn vị chủ trì (mặc định: đơn vị của điểm cầu chính)",
	"sites":            "cuộc họp đột xuất: các điểm cầu, cách nhau bằng dấu phẩy",
	"unit-kinds":       "cuộc họp đột xuất: mọi điểm cầu thuộc các loại đơn vị này (province, agency, commune, ward)",
	"all":              "cuộc họp đột xuất: mọi điểm cầu trong danh mục",
}

// flagHelp is a flag's help in the user's language.
func flagHelp(lang string, f *flag.Flag) string {
	if t, ok := flagHelpVI[f.Name]; ok && lang != "en" {
		return t
	}
	return f.Usage
}

// usageText is the top-level help.
func usageText(lang string) string { return usage.Text(lang, "usage") }

// usage is the top-level help in both languages.
var usage = i18n.New[string]("diemcau/usage").Add(map[string]string{"usage": usageVI}, map[string]string{"usage": usageEN})

const usageEN = `diemcau — control center of the provincial videoconference network

Commands:
  diemcau [console]                 console with the MCU and HTTP server, on an empty meeting
  diemcau demo [-n N]               console on a live demo meeting with N soft bridge points (default 24)
  diemcau serve                     headless: MCU, HTTP and the SSH server for technicians' consoles
  diemcau endpoint --url URL --id ID --token TOKEN   one soft bridge point
  diemcau import bridgepoints FILE.csv               load the bridge-point registry
  diemcau bridgepoint rotate ID     issue a new join secret (printed once; also the SIP password)
  diemcau bridgepoint sip-trust ID on|off   admit its SIP terminal by its device_ip, without a password
  diemcau booking add|edit|list|due|show|confirm|notify-power|test-done|final-check|...
                                    meeting bookings (Appendix I) and their deadlines
  diemcau technician add|list|import   the technician roster
  diemcau group add|list|show|edit|import   groups of bridge points for bookings
  diemcau calendar import FILE | list   the holiday calendar kept in the database
  diemcau meeting open BOOKING-ID | open --title T | close ID | list   meetings on the running server (API token)
  diemcau report meeting ID | booking ID | annual --year Y | technicians   [--format md|csv|html]
  diemcau bench [--endpoints N] [--sip N] [--seconds S] [--mcu-cpu LIST] [--json FILE]   load test of the MCU
  diemcau backup FILE.db | --dir DIR [--keep N]   checked copy of the log store while meetings go on, with a manifest
  diemcau restore FILE.db           put a backup in place of --db (the current one is kept aside)
  diemcau doctor [--env /etc/diemcau/diemcau.env] [--server-name HOST]   check a server before its first meeting

Common flags: --db PATH, --http ADDR, --ssh ADDR, --authorized-keys PATH, --tls-cert FILE --tls-key FILE, --lang vi|en, --media DIR, --log FILE,
  --udp-port N, --api-token-file FILE (else DIEMCAU_API_TOKEN), --holidays FILE.csv,
  --sip ADDR|off (SIP for room systems, UDP and TCP; default 127.0.0.1:5060),
  --sip-tls-cert FILE --sip-tls-key FILE [--sip-tls ADDR] (SIP over TLS; default the --sip host, port 5061),
  --sip-rtp-ports MIN-MAX (SIP media ports for firewalls; default ephemeral)
Each command's -h lists the flags it uses.
`

const usageVI = `diemcau — Trung tâm điều khiển hệ thống họp trực tuyến của tỉnh

Lệnh:
  diemcau [console]                 bảng điều khiển với MCU và máy chủ HTTP, cuộc họp trống
  diemcau demo [-n N]               bảng điều khiển trên cuộc họp trình diễn với N điểm cầu mềm (mặc định 24)
  diemcau serve                     chạy nền: MCU, HTTP và máy chủ SSH cho bảng điều khiển của kỹ thuật viên
  diemcau endpoint --url URL --id MÃ --token MÃ-THAM-GIA   một điểm cầu mềm
  diemcau import bridgepoints TỆP.csv                      nhập danh sách điểm cầu
  diemcau bridgepoint rotate MÃ     cấp mã tham gia mới (chỉ in một lần; cũng là mật khẩu SIP)
  diemcau bridgepoint sip-trust MÃ on|off   nhận thiết bị SIP theo địa chỉ device_ip, không cần mật khẩu
  diemcau booking add|edit|list|due|show|confirm|notify-power|test-done|final-check|...
                                    đăng ký cuộc họp (Phụ lục I) và các hạn theo quy chế
  diemcau technician add|list|import   danh sách cán bộ kỹ thuật
  diemcau group add|list|show|edit|import   nhóm điểm cầu dùng khi đăng ký
  diemcau calendar import TỆP | list   lịch nghỉ lễ lưu trong cơ sở dữ liệu
  diemcau meeting open MÃ-ĐĂNG-KÝ | open --title TÊN | close MÃ | list   cuộc họp trên máy chủ đang chạy (mã API)
  diemcau report meeting MÃ | booking MÃ | annual --year NĂM | technicians   [--format md|csv|html]
  diemcau bench [--endpoints N] [--sip N] [--seconds S] [--mcu-cpu DS-CPU] [--json TỆP]   thử tải MCU
  diemcau backup TỆP.db | --dir THƯ-MỤC [--keep N]   sao lưu sổ nhật ký đã kiểm tra, kể cả khi đang họp, kèm danh mục
  diemcau restore TỆP.db            khôi phục bản sao lưu vào --db (bản hiện có được giữ lại)
  diemcau doctor [--env /etc/diemcau/diemcau.env] [--server-name TÊN-MÁY]   kiểm tra máy chủ trước cuộc họp đầu tiên

Tham số chung: --db TỆP, --http ĐỊA-CHỈ, --ssh ĐỊA-CHỈ, --authorized-keys TỆP, --tls-cert TỆP --tls-key TỆP, --lang vi|en, --media THƯ-MỤC, --log TỆP,
  --udp-port SỐ, --api-token-file TỆP (hoặc DIEMCAU_API_TOKEN), --holidays TỆP.csv,
  --sip ĐỊA-CHỈ|off (SIP cho thiết bị phòng họp, UDP và TCP; mặc định 127.0.0.1:5060),
  --sip-tls-cert TỆP --sip-tls-key TỆP [--sip-tls ĐỊA-CHỈ] (SIP qua TLS; mặc định máy của --sip, cổng 5061),
  --sip-rtp-ports NHỎ-LỚN (cổng âm thanh/hình SIP cho tường lửa; mặc định cổng tạm)
Mỗi lệnh với -h liệt kê các tham số lệnh đó dùng.
`
