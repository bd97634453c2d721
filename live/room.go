package live

import (
	"context"
	"fmt"

	"diemcau/mcu"
)

// Room is a desk's hold on one live conference: the floor, the microphones, the door, the roll
// call and the recorder. mcu journals each action before it acknowledges it (under its control
// lock, so the journal's order is the order things happened); the room checks the role first.
type Room struct {
	d    *Desk
	conf *mcu.Conference
}

// In is d acting in conference conf.
func (d *Desk) In(conf *mcu.Conference) *Room { return &Room{d: d, conf: conf} }

// check refuses a for bridgePoint unless the identity may do it in this conference.
func (r *Room) check(a Act, bridgePoint string) error {
	return r.d.check(a, bridgePoint, confMain(r.conf))
}

// actor is who acts, for mcu's journal.
func (r *Room) actor() string { return r.d.id.Actor }

// Mute hard-mutes bridgePoint; only the control center or the host lifts it.
func (r *Room) Mute(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActMute, bridgePoint); err != nil {
		return err
	}
	return classify(r.conf.Mute(ctx, r.actor(), bridgePoint, mcu.HardMute))
}

// Unmute lifts bridgePoint's mute, hard or soft.
func (r *Room) Unmute(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActMute, bridgePoint); err != nil {
		return err
	}
	return classify(r.conf.Unmute(ctx, r.actor(), bridgePoint))
}

// SoftMute soft-mutes bridgePoint (its operator may lift it). An operator does it to its own
// bridge point as a self mute.
func (r *Room) SoftMute(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActSoftMute, bridgePoint); err != nil {
		return err
	}
	if r.d.id.Reach(ActSoftMute, confMain(r.conf)) == Own {
		return classify(r.conf.SelfMute(ctx, r.actor(), bridgePoint))
	}
	return classify(r.conf.Mute(ctx, r.actor(), bridgePoint, mcu.SoftMute))
}

// LiftSoftMute lifts bridgePoint's soft mute. An operator lifts only its own, and never a hard
// mute (mcu.ErrHardMuted); the others lift any mute.
func (r *Room) LiftSoftMute(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActSoftMute, bridgePoint); err != nil {
		return err
	}
	if r.d.id.Reach(ActSoftMute, confMain(r.conf)) == Own {
		return classify(r.conf.SelfUnmute(ctx, r.actor(), bridgePoint))
	}
	return classify(r.conf.Unmute(ctx, r.actor(), bridgePoint))
}

// MuteAll hard-mutes every far end (the main bridge point stays open); it returns how many.
func (r *Room) MuteAll(ctx context.Context) (int, error) {
	if err := r.check(ActMuteAll, ""); err != nil {
		return 0, err
	}
	n, err := r.conf.MuteAllFarEnds(ctx, r.actor())
	return n, classify(err)
}

// Grant gives bridgePoint the floor.
func (r *Room) Grant(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActFloor, bridgePoint); err != nil {
		return err
	}
	return classify(r.conf.GrantFloor(ctx, r.actor(), bridgePoint))
}

// Revoke takes the floor back from bridgePoint.
func (r *Room) Revoke(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActFloor, bridgePoint); err != nil {
		return err
	}
	return classify(r.conf.RevokeFloor(ctx, r.actor(), bridgePoint))
}

// request finds speak request id in the queue, for the bridge point it is of.
func (r *Room) request(id int64) (mcu.SpeakRequest, error) {
	for _, q := range r.conf.Snapshot().Requests {
		if q.ID == id {
			return q, nil
		}
	}
	return mcu.SpeakRequest{}, classify(fmt.Errorf("%w: %d", mcu.ErrUnknownRequest, id))
}

// Forward forwards speak request id to the chair.
func (r *Room) Forward(ctx context.Context, id int64) error {
	q, err := r.request(id)
	if err != nil {
		return err
	}
	if err := r.check(ActForward, q.BridgePoint); err != nil {
		return err
	}
	return classify(r.conf.ForwardRequest(ctx, r.actor(), id))
}

// Dismiss removes speak request id from the queue.
func (r *Room) Dismiss(ctx context.Context, id int64) error {
	q, err := r.request(id)
	if err != nil {
		return err
	}
	if err := r.check(ActDismiss, q.BridgePoint); err != nil {
		return err
	}
	return classify(r.conf.DismissRequest(ctx, r.actor(), id))
}

// RaiseHand asks to speak for the identity's own bridge point.
func (r *Room) RaiseHand(ctx context.Context) error {
	bp := r.d.id.BridgePoint
	if err := r.check(ActRaiseHand, bp); err != nil {
		return err
	}
	_, err := r.conf.RaiseRequest(ctx, r.actor(), bp)
	return classify(err)
}

// LowerHand withdraws the own bridge point's request to speak.
func (r *Room) LowerHand(ctx context.Context) error {
	bp := r.d.id.BridgePoint
	if err := r.check(ActRaiseHand, bp); err != nil {
		return err
	}
	return classify(r.conf.CancelRequest(ctx, r.actor(), bp))
}

// StartRecording starts recording the conference.
func (r *Room) StartRecording(ctx context.Context) (mcu.RecordingStatus, error) {
	if err := r.check(ActRecord, ""); err != nil {
		return mcu.RecordingStatus{}, err
	}
	st, err := r.conf.StartRecording(ctx, r.actor())
	return st, classify(err)
}

// StopRecording stops recording the conference.
func (r *Room) StopRecording(ctx context.Context) (mcu.RecordingStatus, error) {
	if err := r.check(ActRecord, ""); err != nil {
		return mcu.RecordingStatus{}, err
	}
	st, err := r.conf.StopRecording(ctx, r.actor())
	return st, classify(err)
}

// RollCall asks every connected site for its attendees; it returns how many were asked.
func (r *Room) RollCall(ctx context.Context) (int, error) {
	if err := r.check(ActRollCall, ""); err != nil {
		return 0, err
	}
	n, err := r.conf.RollCall(ctx, r.actor())
	return n, classify(err)
}

// Attend records bridgePoint's attendees as counted by the technician.
func (r *Room) Attend(ctx context.Context, bridgePoint string, attendees int) error {
	if err := r.check(ActRollCall, bridgePoint); err != nil {
		return err
	}
	return classify(r.conf.ConfirmAttendance(ctx, r.actor(), bridgePoint, attendees))
}

// Admit lets bridgePoint, asking at the door, into the conference.
func (r *Room) Admit(ctx context.Context, bridgePoint string) error {
	if err := r.check(ActAdmit, bridgePoint); err != nil {
		return err
	}
	return classify(r.conf.Admit(ctx, r.actor(), bridgePoint))
}

// Lock locks the conference (locked) or unlocks it.
func (r *Room) Lock(ctx context.Context, locked bool) error {
	if err := r.check(ActLock, ""); err != nil {
		return err
	}
	return classify(r.conf.Lock(ctx, r.actor(), locked))
}

// Disconnect cuts bridgePoint off, telling it reason.
func (r *Room) Disconnect(ctx context.Context, bridgePoint, reason string) error {
	if err := r.check(ActDisconnect, bridgePoint); err != nil {
		return err
	}
	return classify(r.conf.Disconnect(ctx, r.actor(), bridgePoint, reason))
}
