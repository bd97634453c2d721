// Package sshd is the technicians' SSH server (wish): public-key logins from an authorized_keys
// file whose comments give each key its role, technician and bridge point; the host key; refused
// logins logged without flooding; and for each authorised session its own console (package tui),
// confined to that identity. The console knows nothing of SSH: this package gives it a context,
// a renderer, the actor and the role, and quits it when the server stops.
package sshd
