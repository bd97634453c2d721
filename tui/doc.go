// Package tui is the console for technicians: a root Bubble Tea model composing live panels
// (bridge points, speak requests, events) over one MCU conference, incident entry, the roles that
// confine what each technician may do, and the SSH server that gives each technician a session.
package tui
