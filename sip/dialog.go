package sip

import (
	"context"

	"github.com/emiago/sipgo"
	"github.com/emiago/sipgo/sip"
)

// dialog is a call's SIP dialog as the call uses it, whichever side placed the call.
type dialog interface {
	// key is the dialog's key in Server.calls: the id the terminal's in-dialog requests give
	// (sip.DialogIDFromRequestUAS).
	key() string
	// Bye ends the dialog from the server's side.
	Bye(ctx context.Context) error
	// ReadBye answers the terminal's BYE.
	ReadBye(req *sip.Request, tx sip.ServerTransaction) error
	// ReadAck takes the terminal's ACK of the server's answer (nothing for a dial-out).
	ReadAck(req *sip.Request, tx sip.ServerTransaction) error
}

// serverDialog is a dial-in's dialog: the terminal called.
type serverDialog struct{ *sipgo.DialogServerSession }

func (d serverDialog) key() string { return d.ID }

// clientDialog is a dial-out's dialog: the server called the terminal.
type clientDialog struct {
	*sipgo.DialogClientSession
	id string // the UAS form of the dialog id: our From tag as the terminal's To tag
}

func (d clientDialog) key() string { return d.id }

// ReadAck implements dialog: a dial-out receives no ACK.
func (d clientDialog) ReadAck(*sip.Request, sip.ServerTransaction) error { return nil }
