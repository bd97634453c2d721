// Package tui is the console for technicians: a root Bubble Tea model composing live panels
// (bridge points, speak requests, events) over one MCU conference and a stack of views over them
// (incidents, the close, bookings, test session, recordings, meetings, roll call, questions),
// and the roles that confine what each technician may do. It knows nothing of how a session
// reaches it: Run serves a local terminal, and package sshd gives each SSH login its own model
// through NewContext.
package tui
