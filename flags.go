package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"diemcau/meeting"
)

// errUsage means the command line was wrong and the usage has been printed.
var errUsage = errors.New("usage")

// commonFlags are the flags every subcommand that touches the store or the network accepts.
type commonFlags struct {
	db             string
	http           string
	ssh            string
	lang           string
	authorizedKeys string
	apiTokenFile   string
	media          string
	logFile        string
	holidays       string
	udpPort        int
	tlsCert        string
	tlsKey         string
}

// newFlagSet makes a flag set for a subcommand with the common flags bound to cf.
func newFlagSet(name string, cf *commonFlags, defaultDB string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cf.db, "db", defaultDB, "SQLite database file")
	fs.StringVar(&cf.http, "http", "127.0.0.1:8080", "HTTP listen address (WHIP, join page, API)")
	fs.StringVar(&cf.ssh, "ssh", "127.0.0.1:2222", "SSH listen address for technicians' consoles")
	fs.StringVar(&cf.lang, "lang", "vi", "language: vi or en")
	fs.StringVar(&cf.authorizedKeys, "authorized-keys", "", "authorized_keys file (default: beside the database)")
	fs.StringVar(&cf.apiTokenFile, "api-token-file", "", "file holding the /api/v1 bearer token (else DIEMCAU_API_TOKEN)")
	fs.StringVar(&cf.media, "media", "", "folder with the demo media clips (default: ./testdata)")
	fs.StringVar(&cf.holidays, "holidays", "", "holiday calendar file (CSV) replacing the built-in 2025–2027 one")
	fs.IntVar(&cf.udpPort, "udp-port", 8443, "UDP port shared by all WebRTC media (ICE UDP mux); 0 = one ephemeral port per peer")
	fs.StringVar(&cf.tlsCert, "tls-cert", "", "TLS certificate file (PEM): serve HTTPS, needed by browsers away from localhost")
	fs.StringVar(&cf.tlsKey, "tls-key", "", "TLS private key file (PEM), with --tls-cert")
	fs.StringVar(&cf.logFile, "log", "", "log file (default: diemcau.log beside the database for console modes, stderr otherwise)")
	return fs
}

// parse parses args and validates the common flags, printing a clear message on error.
func parse(fs *flag.FlagSet, cf *commonFlags, args []string) error {
	lang := langFromArgs(args)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printFlags(os.Stdout, fs, lang)
			return errUsage
		}
		fmt.Fprintf(os.Stderr, msg(lang, "badFlags"), fs.Name(), err)
		printFlags(os.Stderr, fs, lang)
		return errUsage
	}
	if cf.lang != "vi" && cf.lang != "en" {
		fmt.Fprintf(os.Stderr, msg("vi", "badLang"), cf.lang)
		return errUsage
	}
	if (cf.tlsCert == "") != (cf.tlsKey == "") {
		fmt.Fprint(os.Stderr, msg(lang, "tlsPair"))
		return errUsage
	}
	if cf.authorizedKeys == "" {
		cf.authorizedKeys = filepath.Join(filepath.Dir(cf.db), "authorized_keys")
	}
	return nil
}

// printFlags lists a flag set's flags.
func printFlags(w io.Writer, fs *flag.FlagSet, lang string) {
	fmt.Fprintf(w, msg(lang, "flagsOf"), fs.Name())
	fs.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(w, "  --%-16s %s (%q)\n", f.Name, f.Usage, f.DefValue)
	})
}

// langFromArgs finds --lang before flags are parsed, so early messages use the right language.
func langFromArgs(args []string) string {
	for i, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == "lang=en" || (a == "lang" && i+1 < len(args) && args[i+1] == "en") {
			return "en"
		}
	}
	return "vi"
}

// calendar returns the working-day calendar: the --holidays file when given, else the built-in one.
func (cf commonFlags) calendar() (*meeting.Calendar, error) {
	if cf.holidays == "" {
		return meeting.DefaultCalendar(), nil
	}
	f, err := os.Open(cf.holidays)
	if err != nil {
		return nil, fmt.Errorf("open holiday file: %w", err)
	}
	defer f.Close()
	return meeting.LoadCalendar(f)
}
