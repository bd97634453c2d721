package endpoints

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

// joinFiles holds the join page: its HTML template and the static assets it loads.
//
//go:embed joinpage
var joinFiles embed.FS

// joinAsset is one static file of the join page, served from memory.
type joinAsset struct {
	body  []byte
	ctype string
	etag  string
}

// JoinPage serves the browser join page at GET /join/{bridge-point-id} and its assets at
// GET /join/assets/{file}. The page is served for every syntactically valid id, so that it
// never reveals whether a bridge point exists; only the WHIP join answers that, with the secret.
type JoinPage struct {
	lang   string
	page   *template.Template
	assets map[string]joinAsset
	mux    *http.ServeMux
}

// NewJoinPage builds the join page handler; lang ("vi" or "en") is used when neither the
// address (?lang=) nor the browser (Accept-Language) chooses one.
func NewJoinPage(lang string) *JoinPage {
	p := &JoinPage{lang: catalogLang(lang), assets: loadJoinAssets()}
	p.page = template.Must(template.ParseFS(joinFiles, "joinpage/join.html"))
	p.mux = http.NewServeMux()
	p.mux.HandleFunc("GET /join/assets/{file}", p.serveAsset)
	p.mux.HandleFunc("GET /join/{id}", p.servePage)
	p.mux.HandleFunc("/join/", p.serveNotFound)
	return p
}

// ServeHTTP routes GET /join/{id} and GET /join/assets/{file}.
func (p *JoinPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setJoinSecurityHeaders(w.Header())
	p.mux.ServeHTTP(w, r)
}

// loadJoinAssets reads the page's static files (not the template) into memory.
func loadJoinAssets() map[string]joinAsset {
	types := map[string]string{
		".js":  "text/javascript; charset=utf-8",
		".css": "text/css; charset=utf-8",
		".svg": "image/svg+xml",
	}
	out := make(map[string]joinAsset)
	entries, err := fs.ReadDir(joinFiles, "joinpage")
	if err != nil {
		panic(fmt.Sprintf("join page assets: %v", err)) // embedded: cannot fail at run time
	}
	for _, e := range entries {
		ctype, ok := types[path.Ext(e.Name())]
		if e.IsDir() || !ok {
			continue
		}
		body, err := joinFiles.ReadFile("joinpage/" + e.Name())
		if err != nil {
			panic(fmt.Sprintf("join page asset %s: %v", e.Name(), err))
		}
		sum := sha256.Sum256(body)
		out[e.Name()] = joinAsset{body: body, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return out
}

// serveAsset serves one embedded file by exact name; there is no directory listing.
func (p *JoinPage) serveAsset(w http.ResponseWriter, r *http.Request) {
	a, ok := p.assets[r.PathValue("file")]
	if !ok {
		p.serveNotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	if r.Header.Get("If-None-Match") == a.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(a.body)
}

// joinView is what the page template shows.
type joinView struct {
	Lang    string
	ID      string
	BadID   bool
	T       map[string]string
	Version map[string]string // asset name → ETag without quotes, to bust caches
}

// servePage renders the page for a syntactically valid bridge-point id, else the 404 page.
func (p *JoinPage) servePage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !registryCode.MatchString(id) {
		p.serveNotFound(w, r)
		return
	}
	p.render(w, r, http.StatusOK, id, false)
}

// serveNotFound renders the page saying the address names no bridge point.
func (p *JoinPage) serveNotFound(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		// The page is read-only: other methods get 405 and what is allowed, as the mux does.
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	p.render(w, r, http.StatusNotFound, "", true)
}

func (p *JoinPage) render(w http.ResponseWriter, r *http.Request, status int, id string, bad bool) {
	lang := p.pickLang(r)
	v := joinView{Lang: lang, ID: id, BadID: bad, T: joinTexts(lang), Version: map[string]string{}}
	for name, a := range p.assets {
		v.Version[name] = strings.Trim(a.etag, `"`)
	}
	var buf bytes.Buffer
	if err := p.page.Execute(&buf, v); err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", lang)
	h.Add("Vary", "Accept-Language")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// setJoinSecurityHeaders locks the page down: scripts and styles only from our own files,
// no framing, no referrer (the address may once have carried a secret), camera and
// microphone for this origin only.
func setJoinSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "+
		"img-src 'self' data:; media-src 'self' blob: mediastream:; connect-src 'self'; "+
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=(), payment=()")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}
