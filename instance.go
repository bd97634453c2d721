package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"diemcau/meeting"
)

// instanceLock is a server's claim on its database: an advisory lock on the file beside it
// (diemcau.db.lock), which the kernel drops when the process ends, however it ends (a crash or
// SIGKILL included, so a restart still resumes the meeting). The file describes the holder for
// the process it refuses.
type instanceLock struct {
	f    *os.File
	info instanceInfo
}

// instanceInfo describes the process that holds a database.
type instanceInfo struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Host    string    `json:"host"`
	Since   time.Time `json:"since"`
	HTTP    string    `json:"http,omitempty"`
	SSH     string    `json:"ssh,omitempty"`
}

// instanceLockPath is the lock file of the database db, named after the file a symbolic link
// points to, so that two names of one database share one lock.
func instanceLockPath(db string) string {
	if real, err := filepath.EvalSymlinks(db); err == nil {
		db = real
	}
	return db + ".lock"
}

// lockInstance takes the database of cf for this process, running command (serve, console,
// demo), or refuses, naming the process that has it. Nothing else is written when it refuses.
func lockInstance(cf commonFlags, command string) (*instanceLock, error) {
	if err := checkDBPath(cf); err != nil {
		return nil, err
	}
	path := instanceLockPath(cf.db)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, &localError{text: fmt.Sprintf(msg(cf.lang, "lockOpen"), path, err), err: err}
	}
	held, err := tryLock(f)
	if err != nil {
		_ = f.Close()
		return nil, &localError{text: fmt.Sprintf(msg(cf.lang, "lockOpen"), path, err), err: err}
	}
	if !held {
		holder := readHolder(f)
		_ = f.Close()
		return nil, &localError{text: fmt.Sprintf(msg(cf.lang, "dbInUse"), cf.db, holder.describe(cf.lang), path),
			err: errDBInUse}
	}
	host, _ := os.Hostname()
	l := &instanceLock{f: f, info: instanceInfo{PID: os.Getpid(), Host: host, Since: time.Now(),
		Command: filepath.Base(os.Args[0]) + " " + command}}
	if err := l.write(); err != nil {
		l.release()
		return nil, &localError{text: fmt.Sprintf(msg(cf.lang, "lockOpen"), path, err), err: err}
	}
	return l, nil
}

// errDBInUse means another diemcau server runs on the database.
var errDBInUse = errors.New("database in use by another diemcau")

// readHolder reads the description the holder wrote; a holder that has only just taken the
// lock may not have written it yet, so it is read again for a moment.
func readHolder(f *os.File) instanceInfo {
	var info instanceInfo
	for range 20 {
		b, err := os.ReadFile(f.Name())
		if err == nil && json.Unmarshal(b, &info) == nil && info.PID != 0 {
			return info
		}
		time.Sleep(50 * time.Millisecond)
	}
	return instanceInfo{}
}

// describe names the holder for the user: pid, command, host, since when, its addresses.
func (i instanceInfo) describe(lang string) string {
	if i.PID == 0 {
		return msg(lang, "holderUnknown")
	}
	s := fmt.Sprintf(msg(lang, "holder"), i.Command, i.PID, i.Host,
		i.Since.In(meeting.Zone()).Format("15:04:05 02/01/2006"))
	if i.HTTP != "" {
		s += ", HTTP " + i.HTTP
	}
	if i.SSH != "" {
		s += ", SSH " + i.SSH
	}
	return s
}

// setAddrs records the addresses the holder serves on, once they are bound.
func (l *instanceLock) setAddrs(http, ssh string) {
	if l == nil {
		return
	}
	if http != "" {
		l.info.HTTP = http
	}
	if ssh != "" {
		l.info.SSH = ssh
	}
	_ = l.write()
}

// write replaces the file's description of the holder.
func (l *instanceLock) write() error {
	b, err := json.Marshal(l.info)
	if err != nil {
		return err
	}
	if err := l.f.Truncate(0); err != nil {
		return err
	}
	_, err = l.f.WriteAt(append(b, '\n'), 0)
	return err
}

// release empties the description and gives the database up. The file stays: removing it
// would let a process lock a file another has just replaced.
func (l *instanceLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = l.f.Truncate(0)
	_ = l.f.Close() // closing the last descriptor drops the lock
	l.f = nil
}
