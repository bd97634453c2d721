package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// actionKey ties a key binding of the main screen to the action it starts.
type actionKey struct {
	binding *key.Binding
	action  Action
}

// mainActions are the main screen's keys that change the meeting, with their actions.
func (k *KeyMap) mainActions() []actionKey {
	return []actionKey{
		{&k.Mute, ActMute}, {&k.SoftMute, ActSoftMute}, {&k.MuteAll, ActMuteAll},
		{&k.Grant, ActFloor}, {&k.Revoke, ActFloor}, {&k.Forward, ActForward},
		{&k.Dismiss, ActDismiss}, {&k.Incident, ActIncident}, {&k.CloseMeeting, ActCloseMeeting},
		{&k.RaiseHand, ActRaiseHand}, {&k.Lock, ActLock}, {&k.Admit, ActAdmit}, {&k.Disconnect, ActDisconnect},
		{&k.Dial, ActDial}, {&k.ConnectAll, ActDial}, {&k.HangUp, ActDial},
	}
}

// confine disables the bindings of every action p may not do, so that the help hides them and
// the panels ignore them; the incident list's edit keys follow ActEditIncident.
func (k *KeyMap) confine(p Permissions) {
	for _, ak := range k.mainActions() {
		ak.binding.SetEnabled(p.AllowsAny(ak.action))
	}
	for _, b := range []*key.Binding{&k.Edit, &k.ConfirmDraft, &k.DiscardDraft} {
		b.SetEnabled(p.AllowsAny(ActEditIncident))
	}
	k.AdmitHere.SetEnabled(p.AllowsAny(ActAdmit))
	k.AskRollCall.SetEnabled(p.Allows(ActRollCall, ""))
	k.Attend.SetEnabled(p.AllowsAny(ActRollCall))
	k.RecordToggle.SetEnabled(p.AllowsAny(ActRecord))
	k.Deliver.SetEnabled(p.AllowsAny(ActDeliverRecording))
	k.BookingAdd.SetEnabled(p.bookingAllowed(ActBookingAdd))
	k.BookingEdit.SetEnabled(p.bookingAllowed(ActBookingEdit))
	k.BookingStep.SetEnabled(p.bookingAllowed(ActBookingStep))
	k.OpenMeeting.SetEnabled(p.AllowsAny(ActOpenMeeting))
	k.NewMeeting.SetEnabled(p.AllowsAny(ActOpenMeeting))
}

// lockedAction returns the action of a main-screen key the role may not use at all, matched
// against the unconfined key map full.
func lockedAction(full *KeyMap, p Permissions, km tea.KeyMsg) (Action, bool) {
	for _, ak := range full.mainActions() {
		if key.Matches(km, *ak.binding) && !p.AllowsAny(ak.action) {
			return ak.action, true
		}
	}
	return 0, false
}

// actionLabels name the actions in the session's language, for the refusal status line.
var actionLabels = [actionCount]textKey{
	ActMute: txtKeyMute, ActSoftMute: txtKeySoftMute, ActMuteAll: txtKeyMuteAll, ActFloor: txtKeyGrant,
	ActForward: txtKeyForward, ActDismiss: txtKeyDismiss, ActIncident: txtKeyIncident,
	ActEditIncident: txtActEditIncident, ActCloseMeeting: txtKeyCloseMeeting, ActRaiseHand: txtKeyRaiseHand,
	ActTestSession: txtActTestSession, ActRecord: txtKeyRecordToggle, ActDeliverRecording: txtActDeliverRecording,
	ActBookingAdd: txtKeyBookingAdd, ActBookingEdit: txtKeyBookingEdit, ActBookingStep: txtKeyBookingStep,
	ActRollCall: txtActRollCall, ActAdmit: txtActAdmit, ActLock: txtKeyLock, ActDisconnect: txtActDisconnect,
	ActOpenMeeting: txtActOpenMeeting, ActDial: txtActDial,
}

// roleLabel names p's role in the session's language.
func roleLabel(c Common, p Permissions) string {
	switch p.role() {
	case RoleHost:
		if !p.Hosting() {
			return c.Text(txtRoleHostReadOnly)
		}
		return c.Text(txtRoleHost)
	case RoleOperator:
		return c.Text(txtRoleOperator, p.BridgePoint)
	case RoleViewer:
		return c.Text(txtRoleViewer)
	}
	return c.Text(txtRoleControl)
}

// technician is the actor without its "ssh:" or "console:" prefix.
func technician(actor string) string {
	if _, name, ok := strings.Cut(actor, ":"); ok && name != "" {
		return name
	}
	return actor
}
