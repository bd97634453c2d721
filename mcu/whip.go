package mcu

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	maxOfferBytes = 64 << 10         // largest SDP offer accepted
	joinTimeout   = 10 * time.Second // bound on negotiating and gathering for one join
)

// Handler serves WHIP (RFC 9725): POST /whip/{id}, DELETE /whip/{id}/{session}, OPTIONS.
func (m *MCU) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /whip/{id}", m.handleOffer)
	mux.HandleFunc("DELETE /whip/{id}/{session}", m.handleDelete)
	mux.HandleFunc("OPTIONS /whip/{id}", handleOptions("POST, OPTIONS"))
	mux.HandleFunc("OPTIONS /whip/{id}/{session}", handleOptions("DELETE, OPTIONS"))
	mux.HandleFunc("PATCH /whip/{id}/{session}", m.handlePatch)
	return withCORS(mux)
}

// withCORS adds the headers a browser needs to use WHIP from another origin, and the ones that
// keep WHIP responses out of caches and content sniffing.
func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Expose-Headers", "Location, ETag, Link")
		// Answers and errors carry per-session secrets or state: never cached, never sniffed.
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// handleOptions answers CORS preflight and OPTIONS; allow lists the methods of the resource.
func handleOptions(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Methods", "POST, DELETE, OPTIONS")
		h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
		h.Set("Access-Control-Max-Age", "600")
		h.Set("Allow", allow)
		if strings.HasPrefix(allow, "POST") {
			h.Set("Accept-Post", "application/sdp")
		}
		w.WriteHeader(http.StatusNoContent)
	}
}

func (m *MCU) handlePatch(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Allow", "DELETE, OPTIONS")
	m.fail(w, http.StatusMethodNotAllowed, txtNoTrickle, "")
}

// fail writes a short plain-text error.
func (m *MCU) fail(w http.ResponseWriter, status int, key textKey, reason string) {
	m.counters.refused(key)
	msg := text(m.cfg.Lang, key)
	if reason != "" {
		msg += ": " + cutUTF8(reason, 200)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}

// Bearer returns the token of an "Authorization: Bearer" header, or "".
func Bearer(r *http.Request) string {
	const prefix = "bearer "
	v := r.Header.Get("Authorization")
	if len(v) > len(prefix) && strings.EqualFold(v[:len(prefix)], prefix) {
		return strings.TrimSpace(v[len(prefix):])
	}
	return ""
}

// authorize checks the bridge point and its secret; it writes the error response and returns
// false when the request may not go on.
func (m *MCU) authorize(w http.ResponseWriter, r *http.Request, id string) bool {
	now := time.Now()
	if wait, first, blocked := m.authLimit.blocked(r.RemoteAddr, now); blocked {
		if first {
			m.log.Warn("join attempts refused after repeated credential failures", "remote", r.RemoteAddr, "for", wait.Round(time.Second))
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		m.fail(w, http.StatusTooManyRequests, txtTooManyFailures, "")
		return false
	}
	known, ok, err := m.creds.VerifyJoin(r.Context(), id, Bearer(r))
	if err == nil && (!known || !ok) {
		m.authLimit.fail(r.RemoteAddr, now)
	}
	switch {
	case err != nil:
		m.log.Error("verify join credential", "bp", id, "err", err)
		m.fail(w, http.StatusInternalServerError, txtInternal, "")
		return false
	case !known || len(m.Conferences()) == 0:
		m.fail(w, http.StatusNotFound, txtUnknownBridgePoint, "")
		return false
	case !ok:
		m.log.Warn("rejected join credential", "bp", id, "remote", r.RemoteAddr, "method", r.Method)
		w.Header().Set("WWW-Authenticate", `Bearer realm="diemcau"`)
		m.fail(w, http.StatusUnauthorized, txtUnauthorized, "")
		return false
	}
	return true
}

// refuse answers 403 with why the bridge point may not join now, in the server's language.
func (m *MCU) refuse(w http.ResponseWriter, id string, why Refusal) {
	m.log.Info("join refused at the door", "bp", id, "reason", string(why))
	m.fail(w, http.StatusForbidden, refusalText[why], "")
}

// knockEverywhere puts a registered bridge point that belongs to no live conference at the door
// of each of them (a technician of the right one admits it) and answers 403.
func (m *MCU) knockEverywhere(w http.ResponseWriter, r *http.Request, id string) {
	name := m.bridgePointName(r.Context(), id)
	for _, c := range m.Conferences() {
		c.knock(id, name)
	}
	m.refuse(w, id, RefusedNotExpected)
}

// handleOffer answers a WHIP offer and joins the bridge point to its conference.
func (m *MCU) handleOffer(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	// A body that is not SDP is refused first (RFC 9725: 415), whoever sends it.
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/sdp" {
		m.fail(w, http.StatusUnsupportedMediaType, txtUnsupportedMedia, "")
		return
	}
	if !m.authorize(w, r, id) {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxOfferBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			m.fail(w, http.StatusRequestEntityTooLarge, txtBodyTooLarge, "")
			return
		}
		m.fail(w, http.StatusBadRequest, txtBadOffer, "read body")
		return
	}
	conf := m.conferenceFor(id)
	if conf == nil {
		m.knockEverywhere(w, r, id)
		return
	}
	lay, err := parseOffer(string(body), conf.audioSlots, conf.PrefersH264())
	if err != nil {
		m.fail(w, http.StatusBadRequest, txtBadOffer, err.Error())
		return
	}
	mem, added, refusal := conf.memberForJoin(id, m.bridgePointName(r.Context(), id))
	switch refusal {
	case "":
	case refusedClosed:
		m.fail(w, http.StatusNotFound, txtUnknownBridgePoint, "")
		return
	default:
		m.refuse(w, id, refusal)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), joinTimeout)
	defer cancel()
	sess, answer, err := conf.join(ctx, mem, lay, string(body))
	if err != nil {
		if added {
			conf.dropMember(mem)
		}
		var bad *offerError
		if errors.As(err, &bad) {
			m.fail(w, http.StatusBadRequest, txtBadOffer, err.Error())
			return
		}
		m.log.Error("join", "bp", id, "err", err)
		m.fail(w, http.StatusInternalServerError, txtInternal, "")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/sdp")
	h.Set("Location", "/whip/"+id+"/"+sess.id)
	h.Set("ETag", `"`+sess.id+`"`)
	for _, link := range iceServerLinks(m.cfg.ICEServers) {
		h.Add("Link", link)
	}
	w.WriteHeader(http.StatusCreated)
	_, _ = io.WriteString(w, answer)
}

// handleDelete ends a WHIP session.
func (m *MCU) handleDelete(w http.ResponseWriter, r *http.Request) {
	id, sid := r.PathValue("id"), r.PathValue("session")
	if !m.authorize(w, r, id) {
		return
	}
	for _, c := range m.Conferences() {
		if s, ok := c.sessionByID(sid); ok && s.m.info.ID == id {
			s.close("left")
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	m.fail(w, http.StatusNotFound, txtUnknownSession, "")
}

// bridgePointName is the registry's name of a bridge point when the Credentials also implement
// Directory, else its id.
func (m *MCU) bridgePointName(ctx context.Context, id string) string {
	if d, ok := m.creds.(Directory); ok {
		if name, err := d.BridgePointName(ctx, id); err == nil && name != "" {
			return name
		}
	}
	return id
}

// cutUTF8 shortens s to at most n bytes without cutting a character in half.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
