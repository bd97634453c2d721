package sip

import (
	"strings"
	"testing"
	"time"

	"github.com/icholy/digest"

	"diemcau/endpoints"
)

const offerSAVP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
	"m=audio 40000 RTP/SAVP 96 9 0 101\r\na=rtpmap:96 opus/48000/2\r\na=rtpmap:9 G722/8000\r\n" +
	"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n" +
	"a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd\r\n" +
	"m=video 40002 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\n"

// An offer is answered in the offerer's first codec the server speaks, with the offer's
// telephone-event, an SRTP key of the offered suite under the offered tag, and the video refused.
func TestAnswerKeepsOffererCodecAndSRTP(t *testing.T) {
	o, err := parseOffer([]byte(strings.ReplaceAll(offerSAVP, "96 9 0", "9 96 0")))
	if err != nil {
		t.Fatal(err)
	}
	if o.codec.name != "G722" || o.pt != 9 || o.dtmfPT != 101 || o.crypto == nil || o.remote.Port != 40000 {
		t.Fatalf("offer read as %+v", o)
	}
	own, err := newSDESKey(o.crypto.suite)
	if err != nil {
		t.Fatal(err)
	}
	ans, err := o.answer(o.remote, own)
	if err != nil {
		t.Fatal(err)
	}
	s := string(ans)
	for _, want := range []string{"m=audio 40000 RTP/SAVP 9 101", "a=rtpmap:9 G722/8000", "a=rtpmap:101 telephone-event/8000",
		"a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:", "m=video 0 RTP/AVP 97"} {
		if !strings.Contains(s, want) {
			t.Errorf("answer lacks %q:\n%s", want, s)
		}
	}
}

// Offers the server cannot serve are refused with the reason.
func TestOfferRefusals(t *testing.T) {
	for name, body := range map[string]string{
		"no codec":  strings.ReplaceAll(offerSAVP, "96 9 0 101", "18 101"),
		"no crypto": strings.ReplaceAll(offerSAVP, "a=crypto:7", "a=x-crypto:7"),
		"garbage":   "v=0\r\nm=aud",
		"empty":     "",
	} {
		if _, err := parseOffer([]byte(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A digest made with the join secret as password is accepted against the HA1 the registry
// stores; a wrong password, another user or a forged nonce is refused; an old nonce is stale.
func TestDigestAgainstStoredHA1(t *testing.T) {
	n, err := newNonces()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ha1 := endpoints.SIPDigestHA1("XA-IAGRAI", "s3cret")
	authorize := func(user, pass string, at time.Time) string {
		chal, err := digest.ParseChallenge(n.challenge("127.0.0.1", at, false))
		if err != nil {
			t.Fatal(err)
		}
		cred, err := digest.Digest(chal, digest.Options{Method: "INVITE", URI: "sip:XA-IAGRAI@127.0.0.1", Username: user, Password: pass, Count: 1})
		if err != nil {
			t.Fatal(err)
		}
		return cred.String()
	}
	cases := []struct {
		name   string
		header string
		source string
		want   verdict
	}{
		{"right", authorize("XA-IAGRAI", "s3cret", now), "127.0.0.1", goodCredentials},
		{"wrong password", authorize("XA-IAGRAI", "guess", now), "127.0.0.1", badCredentials},
		{"other user", authorize("XA-KBANG", "s3cret", now), "127.0.0.1", badCredentials},
		{"nonce of another source", authorize("XA-IAGRAI", "s3cret", now), "10.0.0.9", badCredentials},
		{"old nonce", authorize("XA-IAGRAI", "s3cret", now.Add(-time.Hour)), "127.0.0.1", staleNonce},
		{"none", "", "127.0.0.1", noCredentials},
	}
	for _, c := range cases {
		if got := n.verifyDigest(c.header, "INVITE", "XA-IAGRAI", ha1, c.source, now); got != c.want {
			t.Errorf("%s: verdict %d, want %d", c.name, got, c.want)
		}
	}
}

// RFC 4733 events count once per event (its repetitions and end packets share the timestamp),
// and only the documented codes act.
func TestKeypadCodes(t *testing.T) {
	var k keypad
	now := time.Now()
	ev := func(ts uint32, key byte) byte {
		return k.event(ts, []byte{byte(strings.IndexByte(eventKeys, key)), 0x0a, 0, 160})
	}
	var got []string
	press := func(ts uint32, key byte) {
		for range 3 { // start, update, end
			if kk := ev(ts, key); kk != 0 {
				if code := k.press(kk, now); code != "" {
					got = append(got, code)
				}
			}
		}
	}
	press(100, '*')
	press(200, '1')
	press(300, '1') // a lone digit: nothing
	press(400, '*')
	press(500, '2')
	press(600, '*')
	press(700, '0')
	press(800, '*')
	press(900, '9')
	if strings.Join(got, " ") != "*1 *2 *0" {
		t.Fatalf("codes %q, want *1 *2 *0", got)
	}
	if infoKey([]byte("Signal=*\r\nDuration=160\r\n")) != '*' || infoKey([]byte("1")) != '1' || infoKey([]byte("x=y")) != 0 {
		t.Fatal("SIP INFO keys misread")
	}
}
