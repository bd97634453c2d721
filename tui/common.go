package tui

import (
	"context"

	"github.com/charmbracelet/lipgloss"

	"diemcau/i18n"
	"diemcau/live"
)

// Common is the bag every component receives: context, size, styles, keys, language and the
// technician's identity.
type Common struct {
	ctx      context.Context
	Width    int
	Height   int
	Styles   *Styles
	Keys     *KeyMap
	Lang     string
	Actor    string
	Perm     Permissions   // what the technician may do
	facade   *live.Manager // the facade every action goes through (desk.go)
	Renderer *lipgloss.Renderer
}

// NewCommon builds a Common for one console session; r nil means lipgloss.DefaultRenderer().
func NewCommon(ctx context.Context, r *lipgloss.Renderer, lang, actor string) Common {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	lang = i18n.Lang(lang)
	if ctx == nil {
		ctx = context.Background()
	}
	return Common{
		ctx:      ctx,
		Styles:   NewStyles(r),
		Keys:     NewKeyMap(lang),
		Lang:     lang,
		Actor:    actor,
		Renderer: r,
	}
}

// Context is the session's context; commands derive their deadlines from it.
func (c Common) Context() context.Context { return c.ctx }

// Text returns the catalogue string k in the session's language, formatted with args.
func (c Common) Text(k textKey, args ...any) string { return text(c.Lang, k, args...) }

// SetSize records the terminal size.
func (c *Common) SetSize(width, height int) {
	c.Width, c.Height = width, height
}
