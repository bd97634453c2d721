package ops

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// backupPrefix names the backups that backup --dir makes and prunes: diemcau-YYYYMMDD-HHMMSS.db.
const backupPrefix = "diemcau-"

// DatedBackup is the path of a backup made at now in dir: diemcau-YYYYMMDD-HHMMSS.db.
func DatedBackup(dir string, now time.Time) string {
	return filepath.Join(dir, backupPrefix+now.Format("20060102-150405")+".db")
}

// PruneBackups removes the oldest dated backups of dir (with their manifests) beyond keep and
// returns how many it removed. Other files are left alone.
func PruneBackups(dir string, keep int) (int, error) {
	names, err := filepath.Glob(filepath.Join(dir, backupPrefix+"[0-9]*-[0-9]*.db"))
	if err != nil {
		return 0, err
	}
	slices.Sort(names) // the date in the name sorts oldest first
	n := 0
	for len(names)-n > keep {
		old := names[n]
		if err := os.Remove(old); err != nil {
			return n, fmt.Errorf("remove old backup %s: %w", old, err)
		}
		_ = os.Remove(ManifestPath(old))
		n++
	}
	return n, nil
}
