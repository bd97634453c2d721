// Package tui is the console for control-center technicians: a root Bubble Tea model composing
// live panels (bridge points, speak requests, events) over one MCU conference, and incident entry.
package tui
