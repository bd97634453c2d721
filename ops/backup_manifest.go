package ops

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"diemcau/store"
)

// Manifest is the JSON file written beside a backup (FILE.manifest.json): what was
// copied, from where and when, the copy's checksum, and every recording the copy lists with
// the size and SHA-256 of each of its files, so that the archive of recordings (Article 6.5)
// can be checked against the log book.
type Manifest struct {
	CreatedAt     time.Time           `json:"created_at"`
	Database      string              `json:"database"`
	Backup        string              `json:"backup"`
	SchemaVersion int                 `json:"schema_version"`
	Bytes         int64               `json:"bytes"`
	SHA256        string              `json:"sha256"`
	Recordings    []ManifestRecording `json:"recordings"`
}

// ManifestRecording is one recording of the manifest.
type ManifestRecording struct {
	ID        int64          `json:"id"`
	MeetingID int64          `json:"meeting_id"`
	Dir       string         `json:"dir"`
	Running   bool           `json:"running,omitempty"` // its files are listed once it stops
	Files     []ManifestFile `json:"files"`
}

// ManifestFile is one recording file: its size and checksum, or missing.
type ManifestFile struct {
	Path    string `json:"path"`
	Bytes   int64  `json:"bytes"`
	SHA256  string `json:"sha256,omitempty"`
	Missing bool   `json:"missing,omitempty"`
}

// ManifestPath is where the manifest of the backup at path goes.
func ManifestPath(path string) string { return path + ".manifest.json" }

// NewManifest describes the backup at path made from db, hashing it and every recording file.
func NewManifest(db, path string, c store.BackupCopy, now time.Time) (Manifest, error) {
	m := Manifest{CreatedAt: now, Database: db, Backup: filepath.Base(path), SchemaVersion: c.SchemaVersion,
		Recordings: []ManifestRecording{}}
	var err error
	if m.Bytes, m.SHA256, err = HashFile(path); err != nil {
		return m, err
	}
	for _, r := range c.Recordings {
		mr := ManifestRecording{ID: r.ID, MeetingID: r.MeetingID, Dir: r.Dir, Running: r.Running, Files: []ManifestFile{}}
		for _, f := range r.Files {
			mf := ManifestFile{Path: f}
			if mf.Bytes, mf.SHA256, err = HashFile(f); err != nil {
				mf.Missing = true
			}
			mr.Files = append(mr.Files, mf)
		}
		m.Recordings = append(m.Recordings, mr)
	}
	return m, nil
}

// Counts returns the number of recording files listed and of those missing.
func (m Manifest) Counts() (files, missing int) {
	for _, r := range m.Recordings {
		for _, f := range r.Files {
			files++
			if f.Missing {
				missing++
			}
		}
	}
	return files, missing
}

// HashFile returns the size and hex SHA-256 of the file at path.
func HashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("read %s: %w", path, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// WriteManifest writes m to path whole or not at all (temporary file, sync, rename).
func WriteManifest(path string, m Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write manifest %s: %w", path, err)
	}
	_, werr := f.Write(append(data, '\n'))
	serr := f.Sync()
	cerr := f.Close()
	if err := firstErr(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write manifest %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// ReadManifest reads the manifest at path.
func ReadManifest(path string) (Manifest, error) {
	var m Manifest
	data, err := os.ReadFile(path)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("manifest %s: %w", path, err)
	}
	return m, nil
}

// firstErr is the first non-nil error.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
