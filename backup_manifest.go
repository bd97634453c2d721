package main

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

// backupManifest is the JSON file written beside a backup (FILE.manifest.json): what was
// copied, from where and when, the copy's checksum, and every recording the copy lists with
// the size and SHA-256 of each of its files, so that the archive of recordings (Article 6.5)
// can be checked against the log book.
type backupManifest struct {
	CreatedAt     time.Time           `json:"created_at"`
	Database      string              `json:"database"`
	Backup        string              `json:"backup"`
	SchemaVersion int                 `json:"schema_version"`
	Bytes         int64               `json:"bytes"`
	SHA256        string              `json:"sha256"`
	Recordings    []manifestRecording `json:"recordings"`
}

// manifestRecording is one recording of the manifest.
type manifestRecording struct {
	ID        int64          `json:"id"`
	MeetingID int64          `json:"meeting_id"`
	Dir       string         `json:"dir"`
	Running   bool           `json:"running,omitempty"` // its files are listed once it stops
	Files     []manifestFile `json:"files"`
}

// manifestFile is one recording file: its size and checksum, or missing.
type manifestFile struct {
	Path    string `json:"path"`
	Bytes   int64  `json:"bytes"`
	SHA256  string `json:"sha256,omitempty"`
	Missing bool   `json:"missing,omitempty"`
}

// manifestPath is where the manifest of the backup at path goes.
func manifestPath(path string) string { return path + ".manifest.json" }

// newManifest describes the backup at path made from db, hashing it and every recording file.
func newManifest(db, path string, c store.BackupCopy, now time.Time) (backupManifest, error) {
	m := backupManifest{CreatedAt: now, Database: db, Backup: filepath.Base(path), SchemaVersion: c.SchemaVersion,
		Recordings: []manifestRecording{}}
	var err error
	if m.Bytes, m.SHA256, err = hashFile(path); err != nil {
		return m, err
	}
	for _, r := range c.Recordings {
		mr := manifestRecording{ID: r.ID, MeetingID: r.MeetingID, Dir: r.Dir, Running: r.Running, Files: []manifestFile{}}
		for _, f := range r.Files {
			mf := manifestFile{Path: f}
			if mf.Bytes, mf.SHA256, err = hashFile(f); err != nil {
				mf.Missing = true
			}
			mr.Files = append(mr.Files, mf)
		}
		m.Recordings = append(m.Recordings, mr)
	}
	return m, nil
}

// counts returns the number of recording files listed and of those missing.
func (m backupManifest) counts() (files, missing int) {
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

// hashFile returns the size and hex SHA-256 of the file at path.
func hashFile(path string) (int64, string, error) {
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

// writeManifest writes m to path whole or not at all (temporary file, sync, rename).
func writeManifest(path string, m backupManifest) error {
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

// readManifest reads the manifest at path.
func readManifest(path string) (backupManifest, error) {
	var m backupManifest
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
