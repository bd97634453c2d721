package softep

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxAnswerBytes bounds the WHIP answer body.
const maxAnswerBytes = 1 << 20

// whipOffer POSTs the offer to {URL}/whip/{ID} and returns the answer and the session location.
func (e *Endpoint) whipOffer(ctx context.Context, offer string) (answer, location string, err error) {
	endpoint := strings.TrimRight(e.cfg.URL, "/") + "/whip/" + url.PathEscape(e.cfg.ID)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(offer))
	if err != nil {
		return "", "", fmt.Errorf("whip offer: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+e.cfg.Token)
	req.Header.Set("Content-Type", "application/sdp")
	resp, err := e.http.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("whip offer to %s: %w", endpoint, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	if err != nil {
		return "", "", fmt.Errorf("whip offer to %s: read answer: %w", endpoint, err)
	}
	if resp.StatusCode != http.StatusCreated {
		return "", "", &JoinRefusedError{URL: endpoint, Status: resp.StatusCode, Text: resp.Status + ": " + bodyText(body)}
	}
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil || resp.Header.Get("Location") == "" {
		return "", "", fmt.Errorf("whip offer to %s: answer without a usable Location", endpoint)
	}
	return string(body), loc.String(), nil
}

// JoinRefusedError is the MCU's answer to a join it refused.
type JoinRefusedError struct {
	URL    string
	Status int    // HTTP status code
	Text   string // status line and the server's reason
}

// Error says where the join went and why it was refused.
func (e *JoinRefusedError) Error() string {
	return fmt.Sprintf("whip offer to %s: %s", e.URL, e.Text)
}

// Permanent reports whether retrying cannot help: the credential was refused.
func (e *JoinRefusedError) Permanent() bool {
	return e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden
}

// whipDelete ends the WHIP session at location.
func (e *Endpoint) whipDelete(ctx context.Context, location string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, location, nil)
	if err != nil {
		return fmt.Errorf("whip delete: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+e.cfg.Token)
	resp, err := e.http.Do(req)
	if err != nil {
		return fmt.Errorf("whip delete %s: %w", location, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("whip delete %s: %s: %s", location, resp.Status, bodyText(body))
	}
	return nil
}

// bodyText returns an error body fit for an error message.
func bodyText(body []byte) string {
	text := strings.TrimSpace(string(body))
	if len(text) > 300 {
		n := 300
		for n > 0 && !utf8.RuneStart(text[n]) { // never half a character
			n--
		}
		text = text[:n] + "…"
	}
	if text == "" {
		return "(empty body)"
	}
	return text
}
