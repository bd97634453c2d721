package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"diemcau/meeting"
	"diemcau/sip"
)

// errUsage means the command line was wrong and the usage has been printed.
var errUsage = errors.New("usage")

// errHelp means -h was asked for and the flags have been printed: nothing failed.
var errHelp = fmt.Errorf("%w: help", errUsage)

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
	sip            string        // --sip: host:port for SIP over UDP and TCP, or "off"
	sipSet         bool          // --sip was given (a busy default port only warns)
	sipRedial      int           // --sip-redial: redials of a dropped call to a room system
	sipRedialEvery time.Duration // --sip-redial-every: the wait before each
	sipTLS         string        // --sip-tls: host:port for SIP over TLS ("": the --sip host, port 5061)
	sipTLSCert     string        // --sip-tls-cert, with --sip-tls-key: serve SIP over TLS
	sipTLSKey      string
	sipRTPPorts    string        // --sip-rtp-ports MIN-MAX ("": ephemeral ports)
	sipRTP         sip.PortRange // sipRTPPorts as parsed
}

// defaultSIPAddr is where SIP listens unless --sip says otherwise (DESIGN.md).
const defaultSIPAddr = "127.0.0.1:5060"

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
	fs.StringVar(&cf.holidays, "holidays", "", "holiday file (CSV) added on top of the calendar for this run only; to keep days for every command and the server use diemcau calendar import")
	fs.IntVar(&cf.udpPort, "udp-port", 8443, "UDP port shared by all WebRTC media (ICE UDP mux); 0 = one ephemeral port per peer")
	fs.StringVar(&cf.tlsCert, "tls-cert", "", "TLS certificate file (PEM): serve HTTPS, needed by browsers away from localhost")
	fs.StringVar(&cf.tlsKey, "tls-key", "", "TLS private key file (PEM), with --tls-cert")
	fs.StringVar(&cf.sip, "sip", defaultSIPAddr, "SIP listen address (UDP and TCP) for room systems (VCS terminals); off = no SIP")
	fs.IntVar(&cf.sipRedial, "sip-redial", sip.DefaultRedial, "redials of a dropped call to a room system (0 = none)")
	fs.DurationVar(&cf.sipRedialEvery, "sip-redial-every", sip.DefaultRedialEvery, "wait before each redial of a room system (1s to 10m)")
	fs.StringVar(&cf.sipTLS, "sip-tls", "", "SIP over TLS listen address, with --sip-tls-cert (default: the --sip host, port 5061)")
	fs.StringVar(&cf.sipTLSCert, "sip-tls-cert", "", "TLS certificate file (PEM) for SIP over TLS, with --sip-tls-key")
	fs.StringVar(&cf.sipTLSKey, "sip-tls-key", "", "TLS private key file (PEM) for SIP over TLS, with --sip-tls-cert")
	fs.StringVar(&cf.sipRTPPorts, "sip-rtp-ports", "", "UDP port range MIN-MAX for SIP calls' media (RTP/RTCP pairs), for firewalls (default: ephemeral ports)")
	fs.StringVar(&cf.logFile, "log", "", "log file (default: diemcau.log beside the database for console modes, stderr otherwise)")
	return fs
}

// parse parses args and validates the common flags, printing a clear message on error.
func parse(fs *flag.FlagSet, cf *commonFlags, args []string) error {
	lang := langFromArgs(args)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if cf.lang != "vi" && cf.lang != "en" {
		fmt.Fprintf(os.Stderr, msg(lang, "badLang"), cf.lang)
		return errUsage
	}
	if (cf.tlsCert == "") != (cf.tlsKey == "") {
		fmt.Fprint(os.Stderr, msg(lang, "tlsPair"))
		return errUsage
	}
	for _, a := range []struct{ flag, value string }{{"http", cf.http}, {"ssh", cf.ssh}} {
		if err := checkListenAddr(a.value); err != nil {
			fmt.Fprintf(os.Stderr, msg(lang, "badAddr"), a.flag, a.value)
			return errUsage
		}
	}
	fs.Visit(func(f *flag.Flag) { cf.sipSet = cf.sipSet || f.Name == "sip" })
	if cf.sip != "off" && checkListenAddr(cf.sip) != nil {
		fmt.Fprintf(os.Stderr, msg(lang, "badSIPAddr"), cf.sip)
		return errUsage
	}
	if cf.sipRedial < 0 || cf.sipRedial > 20 {
		fmt.Fprintf(os.Stderr, msg(lang, "badSIPRedial"), cf.sipRedial)
		return errUsage
	}
	if cf.sipRedialEvery < time.Second || cf.sipRedialEvery > 10*time.Minute {
		fmt.Fprintf(os.Stderr, msg(lang, "badSIPRedialEvery"), cf.sipRedialEvery)
		return errUsage
	}
	if err := cf.checkSIP(lang); err != nil {
		return err
	}
	if cf.udpPort < 0 || cf.udpPort > 65535 {
		fmt.Fprintf(os.Stderr, msg(lang, "badUDPPort"), cf.udpPort)
		return errUsage
	}
	if cf.authorizedKeys == "" {
		cf.authorizedKeys = filepath.Join(filepath.Dir(cf.db), "authorized_keys")
	}
	return nil
}

// parseFlags parses a flag set (common flags or not): -h prints the flags and gives errHelp, a
// wrong flag a short message in the user's language naming the flag, and errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	lang := langFromArgs(args)
	err := parseInterspersed(fs, args)
	if err == nil {
		return nil
	}
	if errors.Is(err, flag.ErrHelp) {
		printFlags(os.Stdout, fs, lang)
		return errHelp
	}
	fmt.Fprintf(os.Stderr, msg(lang, "badFlags"), fs.Name(), flagError(lang, err))
	fmt.Fprintf(os.Stderr, msg(lang, "seeHelp"), fs.Name())
	return errUsage
}

// noExtraArgs refuses arguments left after the flags of a command that takes none, naming the
// first, instead of silently ignoring them.
func noExtraArgs(fs *flag.FlagSet, lang string) error {
	if fs.NArg() == 0 {
		return nil
	}
	fmt.Fprintf(os.Stderr, msg(lang, "extraArgs"), fs.Name(), fs.Arg(0))
	fmt.Fprintf(os.Stderr, msg(lang, "seeHelp"), fs.Name())
	return errUsage
}

// parseInterspersed parses args letting flags come after positional arguments too
// ("import bridgepoints FILE --db X"), as technicians type them; "--" still ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return err
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		if used := len(rest) - len(left); used > 0 && rest[used-1] == "--" {
			pos = append(pos, left...)
			break
		}
		pos, rest = append(pos, left[0]), left[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// flagError turns the flag package's English error into the user's language, naming the flag.
func flagError(lang string, err error) string {
	s := err.Error()
	for _, p := range []struct{ prefix, key string }{
		{"flag provided but not defined: -", "flagUnknown"},
		{"flag needs an argument: -", "flagNeedsValue"},
		{"bad flag syntax: ", "flagSyntax"},
	} {
		if name, ok := strings.CutPrefix(s, p.prefix); ok {
			return fmt.Sprintf(msg(lang, p.key), strings.TrimLeft(name, "-"))
		}
	}
	var value, name string
	if _, scanErr := fmt.Sscanf(s, "invalid value %q for flag -%s", &value, &name); scanErr == nil {
		return fmt.Sprintf(msg(lang, "flagBadValue"), value, strings.TrimSuffix(name, ":"))
	}
	return s
}

// checkListenAddr accepts host:port with a port from 0 to 65535 (the host may be empty).
func checkListenAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("port %q out of range", port)
	}
	return nil
}

// printFlags lists a flag set's flags.
func printFlags(w io.Writer, fs *flag.FlagSet, lang string) {
	fmt.Fprintf(w, msg(lang, "flagsOf"), fs.Name())
	fs.VisitAll(func(f *flag.Flag) {
		if !flagUsed(fs.Name(), f.Name) {
			return
		}
		fmt.Fprintf(w, "  --%-16s %s (%q)\n", f.Name, flagHelp(lang, f), f.DefValue)
	})
}

// storeOnly are the common flags of a command that only reads or writes the database.
var storeOnly = []string{"db", "lang"}

// commonFlagsOf says which common flags a command uses, by the first word of its flag set's
// name; a command not listed uses them all. Its help lists only those.
var commonFlagsOf = map[string][]string{
	"import":      storeOnly,
	"bridgepoint": storeOnly,
	"booking":     append([]string{"holidays"}, storeOnly...),
	"technician":  append([]string{"holidays"}, storeOnly...),
	"report":      append([]string{"holidays"}, storeOnly...),
	"console": {"db", "http", "lang", "api-token-file", "holidays", "udp-port", "tls-cert", "tls-key", "log", "sip", "sip-redial",
		"sip-redial-every", "sip-tls", "sip-tls-cert", "sip-tls-key", "sip-rtp-ports"},
	"serve": {"db", "http", "ssh", "lang", "authorized-keys", "api-token-file", "holidays", "udp-port", "tls-cert",
		"tls-key", "log", "sip", "sip-redial", "sip-redial-every", "sip-tls", "sip-tls-cert", "sip-tls-key", "sip-rtp-ports"},
	"demo": {"db", "http", "lang", "api-token-file", "media", "holidays", "udp-port", "tls-cert", "tls-key", "log", "sip", "sip-redial",
		"sip-redial-every", "sip-tls", "sip-tls-cert", "sip-tls-key", "sip-rtp-ports"},
}

// flagUsed reports whether the command whose flag set is named cmd uses flag name: its own
// flags always, a common flag when commonFlagsOf says so.
func flagUsed(cmd, name string) bool {
	word, _, _ := strings.Cut(cmd, " ")
	used, listed := commonFlagsOf[word]
	if !listed || !isCommonFlag(name) {
		return true
	}
	return slices.Contains(used, name)
}

// isCommonFlag reports whether name is one of newFlagSet's common flags.
func isCommonFlag(name string) bool {
	return slices.Contains([]string{"db", "http", "ssh", "lang", "authorized-keys", "api-token-file", "media",
		"holidays", "udp-port", "tls-cert", "tls-key", "log", "sip", "sip-redial", "sip-redial-every", "sip-tls", "sip-tls-cert",
		"sip-tls-key", "sip-rtp-ports"}, name)
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

// calendar returns the built-in calendar with the --holidays file, when given, on top of it
// (never instead of it); the days imported into the store are added when it is used.
func (cf commonFlags) calendar() (*meeting.Calendar, error) {
	if cf.holidays == "" {
		return meeting.DefaultCalendar(), nil
	}
	f, err := os.Open(cf.holidays)
	if err != nil {
		return nil, fileError(cf.lang, "--holidays", cf.holidays, err)
	}
	defer f.Close()
	return meeting.DefaultCalendar().Extend(f)
}
