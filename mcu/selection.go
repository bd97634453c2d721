package mcu

import (
	"sort"
	"time"

	"github.com/pion/webrtc/v4"
)

const (
	speakerMargin = 12                      // level points a challenger must lead the current speaker by
	speakerHold   = 1500 * time.Millisecond // how long it must lead before it takes the speaker slot
)

// selection is the conference-wide choice of sources; guarded by Conference.mu.
type selection struct {
	speaker, prevSpeaker *member
	challenger           *member
	challengerSince      time.Time

	mainID, speakerID string
	audioIDs          []string
}

// slotPlan is the sources one receiver's slots should carry.
type slotPlan struct {
	recv    *session
	audio   []*source
	video   []*source
	blocked []*source // per video slot: the source left off because the receiver cannot decode its codec
}

// selectSources recomputes every receiver's slots and applies the changes.
func (c *Conference) selectSources(now time.Time) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	live := make([]*session, 0, len(c.members))
	for _, m := range c.members {
		if s := m.sess; s != nil && !s.closed.Load() {
			live = append(live, s)
		}
	}
	ranked := c.rankAudio(live)
	changed := c.updateSpeaker(live, now)
	videoRanked := rankVideo(live)
	var mainM *member
	for _, m := range c.members {
		if m.info.Main {
			mainM = m
			break
		}
	}
	plans := make([]slotPlan, 0, len(live))
	for _, r := range live {
		if !r.connected {
			continue // its tracks are not bound yet
		}
		video, blocked := c.planVideo(r, mainM, videoRanked)
		plans = append(plans, slotPlan{recv: r, audio: c.planAudio(r, ranked), video: video, blocked: blocked})
	}
	plans = c.appendRecorderPlan(plans, mainM, ranked, videoRanked)
	c.sel.mainID = ""
	if mainM != nil && mainM.sess != nil {
		c.sel.mainID = mainM.info.ID
	}
	c.sel.audioIDs = c.sel.audioIDs[:0]
	for i := 0; i < len(ranked) && i < c.audioSlots; i++ {
		c.sel.audioIDs = append(c.sel.audioIDs, ranked[i].m.info.ID)
	}
	speakerID := c.sel.speakerID
	warm := c.sel.challenger // likely the next speaker: its camera keeps flowing
	c.mu.Unlock()

	c.apply(live, plans, warm, now)
	if changed {
		c.emit(EventSpeaker, speakerID, "system", 0, "")
	}
}

// rankAudio orders the audio sources that may be heard: floor holder, main when audible, then loudest.
func (c *Conference) rankAudio(live []*session) []*source {
	out := make([]*source, 0, len(live))
	for _, s := range live {
		if src := s.audioIn.Load(); src != nil && s.m.muteMode() == Unmuted {
			out = append(out, src)
		}
	}
	prio := func(src *source) int {
		switch {
		case src.m == c.floor:
			return 0
		case src.m.info.Main && src.m.level.Load() > speakingThreshold:
			return 1
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if pa, pb := prio(a), prio(b); pa != pb {
			return pa < pb
		}
		if la, lb := a.m.level.Load(), b.m.level.Load(); la != lb {
			return la > lb
		}
		return a.m.order < b.m.order
	})
	return out
}

// rankVideo orders the camera sources: unmuted first, then loudest, then member order.
func rankVideo(live []*session) []*source {
	out := make([]*source, 0, len(live))
	for _, s := range live {
		if src := s.videoIn.Load(); src != nil {
			out = append(out, src)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ma, mb := a.m.muteMode() == Unmuted, b.m.muteMode() == Unmuted; ma != mb {
			return ma
		}
		if la, lb := a.m.level.Load(), b.m.level.Load(); la != lb {
			return la > lb
		}
		return a.m.order < b.m.order
	})
	return out
}

// planAudio fills r's audio slots with the first K ranked sources other than r, keeping a source
// on the slot it already has.
func (c *Conference) planAudio(r *session, ranked []*source) []*source {
	want := make([]*source, 0, len(r.audio))
	for _, src := range ranked {
		if len(want) == len(r.audio) {
			break
		}
		if src.m != r.m {
			want = append(want, src)
		}
	}
	plan := make([]*source, len(r.audio))
	placed := make(map[*source]bool, len(want))
	for i, cur := range r.assigned.audio {
		if i < len(plan) && cur != nil && contains(want, cur) {
			plan[i], placed[cur] = cur, true
		}
	}
	for _, src := range want {
		if placed[src] {
			continue
		}
		for i := range plan {
			if plan[i] == nil {
				plan[i], placed[src] = src, true
				break
			}
		}
	}
	return plan
}

// planVideo picks the main and speaker sources for r; r never gets its own video. A source
// whose codec r's slot cannot take is left off the slot and returned in blocked.
func (c *Conference) planVideo(r *session, mainM *member, ranked []*source) (plan, blocked []*source) {
	videoOf := func(m *member) *source {
		if m == nil || m == r.m || m.sess == nil {
			return nil
		}
		return m.sess.videoIn.Load()
	}
	mainPick := videoOf(mainM)
	var speakerPick *source
	candidates := []*member{c.sel.speaker, c.sel.prevSpeaker}
	if r.onePicture { // its one picture: the speaker, else the main site, else the previous speaker
		candidates = []*member{c.sel.speaker, mainM, c.sel.prevSpeaker}
	}
	for _, m := range candidates {
		if v := videoOf(m); v != nil && (v != mainPick || r.onePicture) {
			speakerPick = v
			break
		}
	}
	// pickOther fills a slot that neither the main site nor a speaker claims: with the camera
	// already on it while that camera is still live (and not muted while an open site waits),
	// else the first ranked camera that other receivers already see (so no paused camera has
	// to start for it), else the first ranked one. Without this, the slot would follow the
	// ranking, which moves with every change of the sites' levels: the picture would flap
	// between sites every tick, and every camera would have to keep sending.
	pickOther := func(slot string, not *source) *source {
		var first *source
		for _, src := range ranked {
			if src.m == r.m || src == not {
				continue
			}
			if first == nil {
				first = src
			}
			if len(*src.fanout.Load()) > 0 && (src.m.muteMode() == Unmuted || first.m.muteMode() != Unmuted) {
				first = src
				break
			}
		}
		cur := r.assignedVideo(slot)
		if cur == nil || cur == not || cur.m == r.m || !contains(ranked, cur) {
			return first
		}
		if first != nil && cur.m.muteMode() != Unmuted && first.m.muteMode() == Unmuted {
			return first
		}
		return cur
	}
	if speakerPick == nil {
		speakerPick = pickOther(slotSpeaker, mainPick)
	}
	if mainPick == nil {
		mainPick = pickOther(slotMain, speakerPick)
	}
	plan = make([]*source, len(r.video))
	blocked = make([]*source, len(r.video))
	for i, b := range r.video {
		src := mainPick
		if b.slot == slotSpeaker {
			src = speakerPick
		}
		if src != nil && src.mime != b.mime {
			src, blocked[i] = nil, src
		}
		plan[i] = src
	}
	return plan, blocked
}

// assignedVideo is the camera on r's video slot of the given name at the last selection.
func (r *session) assignedVideo(slot string) *source {
	for i, b := range r.video {
		if b.slot == slot && i < len(r.assigned.video) {
			return r.assigned.video[i]
		}
	}
	return nil
}

// updateSpeaker moves the speaker slot with hysteresis, or pins it to the floor holder. It
// reports whether the speaker changed.
func (c *Conference) updateSpeaker(live []*session, now time.Time) bool {
	sel := &c.sel
	next := sel.speaker
	if f := c.floor; f != nil && f.sess != nil {
		next = f
		sel.challenger = nil
	} else {
		best := loudestSpeaker(live, now)
		cur := sel.speaker
		curValid := cur != nil && cur.sess != nil && cur.muteMode() == Unmuted && (c.floor == nil || c.floor == cur)
		switch {
		case best == nil:
			sel.challenger = nil
			if cur != nil && cur.sess == nil {
				next = nil
			}
		case !curValid:
			next = best
		case best == cur:
			sel.challenger = nil
		case best.level.Load() >= cur.level.Load()+speakerMargin:
			if sel.challenger != best {
				sel.challenger, sel.challengerSince = best, now
			} else if now.Sub(sel.challengerSince) >= speakerHold {
				next = best
			}
		default:
			sel.challenger = nil
		}
	}
	if next == sel.speaker {
		return false
	}
	if sel.speaker != nil {
		sel.prevSpeaker = sel.speaker
	}
	sel.speaker, sel.challenger = next, nil
	sel.speakerID = ""
	if next != nil {
		sel.speakerID = next.info.ID
	}
	return true
}

// loudestSpeaker is the loudest speaking unmuted bridge point, the main one only when nobody else speaks.
func loudestSpeaker(live []*session, now time.Time) *member {
	var best, mainBest *member
	for _, s := range live {
		m := s.m
		if s.audioIn.Load() == nil || m.muteMode() != Unmuted || !m.speaking(now) {
			continue
		}
		if m.info.Main {
			mainBest = m
			continue
		}
		if best == nil || m.level.Load() > best.level.Load() {
			best = m
		}
	}
	if best == nil {
		return mainBest
	}
	return best
}

// apply assigns the planned sources to the bindings, requests keyframes for switched video,
// republishes each source's fan-out, tells every receiver its slots, and pauses or resumes
// the cameras (pause.go); warm is a member whose camera must flow although it is on no slot.
func (c *Conference) apply(live []*session, plans []slotPlan, warm *member, now time.Time) {
	fan := make(map[*source][]*binding)
	keep := c.KeepingCameras() // a test session measures every camera
	for _, p := range plans {
		r := p.recv
		for i, b := range r.audio {
			b.assign(p.audio[i])
			if p.audio[i] != nil {
				fan[p.audio[i]] = append(fan[p.audio[i]], b)
			}
		}
		for i, b := range r.video {
			src := p.video[i]
			if b.assign(src) && src != nil {
				src.requestKeyframe()
			}
			if src != nil {
				fan[src] = append(fan[src], b)
			}
		}
		r.assigned = p
		r.sendSlots(slotsFor(p))
		c.noticeCodecMismatch(p)
	}
	for _, s := range live {
		for _, src := range []*source{s.audioIn.Load(), s.videoIn.Load()} {
			if src == nil {
				continue
			}
			list := fan[src]
			if old := *src.fanout.Load(); !sameBindings(old, list) {
				if list == nil {
					list = []*binding{}
				}
				src.fanout.Store(&list)
			}
			if src.kind == webrtc.RTPCodecTypeVideo {
				src.paceCamera(len(list) > 0 || src.m == warm || keep, now)
			}
		}
	}
}

// slotsFor names the bridge points on each slot of a plan.
func slotsFor(p slotPlan) SlotsMessage {
	msg := SlotsMessage{Type: "slots", Audio: make([]string, len(p.audio)), Names: map[string]string{}}
	name := func(m *member) {
		if m.info.Name != "" {
			msg.Names[m.info.ID] = m.info.Name
		}
	}
	for i, src := range p.audio {
		if src != nil {
			msg.Audio[i] = src.m.info.ID
			name(src.m)
		}
	}
	for i, b := range p.recv.video {
		if src := p.video[i]; src != nil {
			name(src.m)
			if b.slot == slotMain {
				msg.Main = src.m.info.ID
			} else {
				msg.Speaker = src.m.info.ID
			}
		}
	}
	return msg
}

func contains(list []*source, src *source) bool {
	for _, s := range list {
		if s == src {
			return true
		}
	}
	return false
}

func sameBindings(a, b []*binding) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
