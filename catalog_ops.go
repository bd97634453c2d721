package main

import "diemcau/i18n"

// opsCLI is the catalogue of the operations commands (backup, restore, doctor) and of the
// messages of upgrading a database at start.
var opsCLI = i18n.New[string]("diemcau/ops").Add(opsCLIVI, opsCLIEN)

// opsCLIVI is the Vietnamese text (the default).
var opsCLIVI = map[string]string{
	"backupUsage":     "diemcau backup TỆP.db | --dir THƯ-MỤC [--keep N] [--db TỆP]",
	"restoreUsage":    "diemcau restore TỆP.db [--db TỆP]",
	"backupBoth":      "backup: chỉ rõ hoặc TỆP hoặc --dir THƯ-MỤC, không cả hai\n",
	"backupKeep":      "--keep phải từ 1 trở lên (số bản sao lưu giữ lại trong --dir), không phải %d\n",
	"backupExists":    "tệp %s đã có: sao lưu không ghi đè; chọn tên khác",
	"backupNoDB":      "không có cơ sở dữ liệu %s (--db) để sao lưu",
	"backupNotDir":    "--dir %s không phải một thư mục có sẵn",
	"backupDone":      "Đã sao lưu %s → %s (phiên bản lược đồ %d, %s, kiểm tra toàn vẹn: ok).\nDanh mục: %s (%d bản ghi hình, %d tệp",
	"backupMissing":   ", %d tệp không thấy",
	"backupPruned":    "Đã xóa %d bản sao lưu cũ (giữ %d bản mới nhất).\n",
	"restoreDone":     "Đã khôi phục %s từ %s.\n",
	"restoreAside":    "Cơ sở dữ liệu cũ được giữ lại: %s\n",
	"restoreNoRec":    "Cảnh báo: %d tệp ghi hình trong danh mục sao lưu không có trên máy này (xem %s).\n",
	"dbInUse":         "cơ sở dữ liệu %s đang được một tiến trình diemcau khác mở: dừng nó trước (systemctl stop diemcau) rồi khôi phục; không có gì bị thay đổi",
	"integrity":       "tệp %s hỏng (kiểm tra toàn vẹn SQLite không đạt); không có gì bị thay đổi. Chi tiết: %v",
	"notDiemcau":      "tệp %s không phải cơ sở dữ liệu của diemcau; không có gì bị thay đổi",
	"upgradeBackup":   "Cơ sở dữ liệu %s có lược đồ phiên bản %d, bản này dùng %d: đã sao lưu trước khi nâng cấp vào %s\n",
	"migrateFailed":   "nâng cấp cơ sở dữ liệu %s từ phiên bản %d lên %d thất bại; cơ sở dữ liệu vẫn như cũ (phiên bản %d), bản sao lưu trước nâng cấp: %s. Chi tiết: %v",
	"upgradeNoBackup": "không sao lưu được cơ sở dữ liệu %s trước khi nâng cấp (phiên bản %d lên %d); chưa nâng cấp, không có gì bị thay đổi. Chi tiết: %v",
}

// opsCLIEN is the English text (--lang en).
var opsCLIEN = map[string]string{
	"backupUsage":     "diemcau backup FILE.db | --dir DIR [--keep N] [--db FILE]",
	"restoreUsage":    "diemcau restore FILE.db [--db FILE]",
	"backupBoth":      "backup: give either FILE or --dir DIR, not both\n",
	"backupKeep":      "--keep must be 1 or more (backups kept in --dir), not %d\n",
	"backupExists":    "the file %s exists: a backup never overwrites; choose another name",
	"backupNoDB":      "there is no database %s (--db) to back up",
	"backupNotDir":    "--dir %s is not an existing folder",
	"backupDone":      "Backed up %s → %s (schema version %d, %s, integrity check: ok).\nManifest: %s (%d recordings, %d files",
	"backupMissing":   ", %d files not found",
	"backupPruned":    "Removed %d old backups (kept the newest %d).\n",
	"restoreDone":     "Restored %s from %s.\n",
	"restoreAside":    "The previous database is kept as: %s\n",
	"restoreNoRec":    "Warning: %d recording files of the backup's manifest are not on this machine (see %s).\n",
	"dbInUse":         "the database %s is open in another diemcau process: stop it first (systemctl stop diemcau), then restore; nothing was changed",
	"integrity":       "the file %s is damaged (SQLite integrity check failed); nothing was changed. Detail: %v",
	"notDiemcau":      "the file %s is not a diemcau database; nothing was changed",
	"upgradeBackup":   "The database %s has schema version %d, this diemcau uses %d: backed up before upgrading to %s\n",
	"migrateFailed":   "upgrading the database %s from version %d to %d failed; the database is as it was (version %d), backup made before the upgrade: %s. Detail: %v",
	"upgradeNoBackup": "could not back up the database %s before upgrading (version %d to %d); not upgraded, nothing was changed. Detail: %v",
}

// omsg returns a message of opsCLI in lang, falling back to Vietnamese.
func omsg(lang, key string) string { return opsCLI.Text(lang, key) }
