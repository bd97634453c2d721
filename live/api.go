package live

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"diemcau/mcu"
	"diemcau/meeting"
)

// The meetings API, beside the MCU's status (same bearer token):
//
//	GET  /api/v1/meetings             the live meetings and today's bookings
//	POST /api/v1/meetings             open one: {"booking": ID} or ad hoc {"title", "host_unit", "main", "sites", "unit_kinds", "all"}
//	POST /api/v1/meetings/{id}/close  close one (its Appendix II log prefilled)
//
// Every action goes through the facade (Desk) as the control center, whose token it is, and is
// journaled with the actor "api:" + the request's "actor" (the X-Diemcau-Actor header for the
// close), "api:token" when none is given.

// maxOpenBody bounds a POST /api/v1/meetings body.
const maxOpenBody = 64 << 10

// Handler serves the meetings API to clients presenting token as a bearer token; an empty token
// disables it (503), a wrong one gets 401. cal gives today's bookings their next step.
func (m *Manager) Handler(token string, cal *meeting.Calendar) http.Handler {
	want := sha256.Sum256([]byte(token))
	mux := http.NewServeMux()
	guard := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("X-Content-Type-Options", "nosniff")
			if token == "" {
				m.fail(w, http.StatusServiceUnavailable, text(m.lang, "apiDisabled"))
				return
			}
			got := sha256.Sum256([]byte(mcu.Bearer(r)))
			if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
				w.Header().Set("WWW-Authenticate", `Bearer realm="diemcau-api"`)
				m.fail(w, http.StatusUnauthorized, text(m.lang, "apiUnauthorized"))
				return
			}
			h(w, r)
		}
	}
	mux.HandleFunc("GET /api/v1/meetings", guard(func(w http.ResponseWriter, r *http.Request) {
		list, err := m.List(r.Context(), cal)
		if err != nil {
			m.log.Error("meetings API: list", "err", err)
			m.fail(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, list)
	}))
	mux.HandleFunc("POST /api/v1/meetings", guard(m.handleOpen))
	mux.HandleFunc("POST /api/v1/meetings/{id}/close", guard(m.handleClose))
	return mux
}

// OpenRequest is the body of POST /api/v1/meetings.
type OpenRequest struct {
	Booking   int64    `json:"booking,omitempty"`
	Test      bool     `json:"test,omitempty"` // with booking: its test session (Article 10), not the meeting
	Title     string   `json:"title,omitempty"`
	HostUnit  string   `json:"host_unit,omitempty"`
	Main      string   `json:"main,omitempty"`
	Sites     []string `json:"sites,omitempty"`
	UnitKinds []string `json:"unit_kinds,omitempty"`
	All       bool     `json:"all,omitempty"`
	Actor     string   `json:"actor,omitempty"`
}

func (m *Manager) handleOpen(w http.ResponseWriter, r *http.Request) {
	var req OpenRequest
	dec := json.NewDecoder(io.LimitReader(r.Body, maxOpenBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		m.fail(w, http.StatusBadRequest, text(m.lang, "apiBadBody")+": "+err.Error())
		return
	}
	desk := m.As(Identity{Actor: apiActor(req.Actor), Role: RoleControl}) // the token is the control center's
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	var (
		id  int64
		err error
	)
	open := desk.OpenBooking
	if req.Test {
		open = desk.OpenTest
	}
	if req.Booking != 0 {
		conf, oerr := open(ctx, req.Booking)
		if err = oerr; err == nil {
			id = conf.Snapshot().MeetingID
		}
	} else {
		conf, oerr := desk.OpenAdhoc(ctx, Adhoc{Title: req.Title, HostUnit: req.HostUnit, Main: req.Main,
			Sites: req.Sites, UnitKinds: req.UnitKinds, All: req.All})
		if err = oerr; err == nil {
			id = conf.Snapshot().MeetingID
		}
	}
	if err != nil {
		m.failErr(w, err)
		return
	}
	info, err := m.info(ctx, id)
	if err != nil {
		m.fail(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, info)
}

func (m *Manager) handleClose(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		m.fail(w, http.StatusBadRequest, text(m.lang, "apiBadID")+": "+r.PathValue("id"))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	desk := m.As(Identity{Actor: apiActor(r.Header.Get("X-Diemcau-Actor")), Role: RoleControl})
	if err := desk.CloseMeeting(ctx, id, nil); err != nil {
		m.failErr(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"meeting_id": id, "status": "closed"})
}

// apiActor is the audit actor of an API request naming who.
func apiActor(who string) string {
	who = strings.TrimSpace(who)
	if who == "" || len(who) > 64 || strings.ContainsAny(who, " \t\r\n") {
		who = "token"
	}
	return "api:" + who
}

// failErr answers err with the status its kind calls for.
func (m *Manager) failErr(w http.ResponseWriter, err error) {
	var (
		busy    *BusyError
		booking *BookingError
		notLive *NotLiveError
		adhoc   *AdhocError
	)
	switch {
	case errors.As(err, &busy):
		m.fail(w, http.StatusConflict, err.Error())
	case errors.As(err, &booking) && booking.Reason == reasonNoBooking, errors.As(err, &notLive):
		m.fail(w, http.StatusNotFound, err.Error())
	case errors.As(err, &booking):
		m.fail(w, http.StatusConflict, err.Error())
	case errors.As(err, &adhoc):
		m.fail(w, http.StatusUnprocessableEntity, err.Error())
	default:
		m.log.Error("meetings API", "err", err)
		m.fail(w, http.StatusInternalServerError, err.Error())
	}
}

// fail writes an API error.
func (m *Manager) fail(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// writeJSON writes v as the JSON body of a response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
