package secrets_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

type decoder struct {
	name string
	f    func(string) ([]byte, error)
	enc  func([]byte) string
	// ref decodes as the library must: encoding/hex or encoding/base64.
	ref func(string) ([]byte, error)
}

var decoders = []decoder{
	{"HexDecode", secrets.HexDecode, hex.EncodeToString, hex.DecodeString},
	{"Base64Decode", secrets.Base64Decode, base64.StdEncoding.EncodeToString, base64.StdEncoding.Strict().DecodeString},
	{"Base64URLDecode", secrets.Base64URLDecode, base64.RawURLEncoding.EncodeToString, func(s string) ([]byte, error) {
		// Unpadded, or canonically padded.
		if b, err := base64.RawURLEncoding.Strict().DecodeString(s); err == nil {
			return b, nil
		}
		return base64.URLEncoding.Strict().DecodeString(s)
	}},
}

// Round trips of every length from 0 to 100 bytes: the result is exactly
// the bytes, in a slice of exactly their length.
func TestDecodeRoundTrip(t *testing.T) {
	for _, d := range decoders {
		for n := 0; n <= 100; n++ {
			raw, err := secrets.TokenBytes(n)
			noErr(t, "TokenBytes", err)
			texts := []string{d.enc(raw)}
			switch d.name {
			case "HexDecode":
				texts = append(texts, strings.ToUpper(texts[0]))
			case "Base64URLDecode":
				texts = append(texts, base64.URLEncoding.EncodeToString(raw))
			}
			for _, text := range texts {
				got, err := d.f(text)
				noErr(t, fmt.Sprintf("%s(%q)", d.name, text), err)
				if !bytes.Equal(got, raw) || got == nil || cap(got) != n {
					t.Fatalf("%s(%q) = %x (cap %d), want %x", d.name, text, got, cap(got), raw)
				}
			}
		}
	}
	// The library's own encoders read back.
	for n := 0; n < 50; n++ {
		b64, err := secrets.TokenBase64(n)
		noErr(t, "TokenBase64", err)
		url, err := secrets.TokenURLSafe(n)
		noErr(t, "TokenURLSafe", err)
		hx, err := secrets.TokenHex(n)
		noErr(t, "TokenHex", err)
		for _, c := range []struct {
			f    func(string) ([]byte, error)
			text string
		}{{secrets.Base64Decode, b64}, {secrets.Base64URLDecode, url}, {secrets.HexDecode, hx}} {
			if b, err := c.f(c.text); err != nil || len(b) != n {
				t.Fatalf("decoding %q: %d bytes, %v; want %d", c.text, len(b), err, n)
			}
		}
	}
}

func TestDecodeKnown(t *testing.T) {
	for _, c := range []struct {
		f    func(string) ([]byte, error)
		text string
		want string
	}{
		{secrets.HexDecode, "", ""},
		{secrets.HexDecode, "00ff7F80", "\x00\xff\x7f\x80"},
		{secrets.Base64Decode, "c2VjcmV0", "secret"},
		{secrets.Base64Decode, "c2VjcmV0cw==", "secrets"},
		{secrets.Base64Decode, "+/+/", "\xfb\xff\xbf"},
		{secrets.Base64URLDecode, "-_-_", "\xfb\xff\xbf"},
		{secrets.Base64URLDecode, "c2VjcmV0cw", "secrets"},
		{secrets.Base64URLDecode, "c2VjcmV0cw==", "secrets"},
		{secrets.Base64URLDecode, "c2VjcmV0cy4", "secrets."},
		{secrets.Base64URLDecode, "c2VjcmV0cy4=", "secrets."},
	} {
		got, err := c.f(c.text)
		if err != nil || string(got) != c.want || got == nil {
			t.Errorf("decoding %q = %q, %v; want %q", c.text, got, err, c.want)
		}
	}
}

func TestDecodeInvalid(t *testing.T) {
	bad := map[string][]string{
		"HexDecode": {"0", "abc", "0g", "g0", "zz", " 00", "00 ", "00\n", "0x00", "\x00\x00", "éé", "+0"},
		"Base64Decode": {"A", "AA", "AAA", "AAAAA", "AB==", "AAB=", "A===", "====", "=AAA", "AA=A", "AA==AAAA",
			"AAA=AAAA", "-_-_", "AA\nA", "AAA ", "AAAA====", "c2VjcmV0cw"},
		"Base64URLDecode": {"A", "AAAAA", "AB", "AAB", "AB==", "A===", "====", "AA=", "AA=A", "+/+/", "AA==AAAA",
			"AAA ", "AAAA=", "c2VjcmV0cw=", "AAA==="},
	}
	for _, d := range decoders {
		for _, text := range bad[d.name] {
			got, err := d.f(text)
			if !errors.Is(err, secrets.ErrInvalidArgument) || got != nil {
				t.Errorf("%s(%q) = %x, %v; want ErrInvalidArgument", d.name, text, got, err)
			}
			if _, refErr := d.ref(text); refErr == nil {
				t.Errorf("test case %s(%q): the reference decoder accepts it", d.name, text)
			}
		}
	}
	// A bad character at every position of a long valid text, every kind of
	// bad character.
	raw, err := secrets.TokenBytes(48)
	noErr(t, "TokenBytes", err)
	for _, d := range decoders {
		good := d.enc(raw)
		for i := 0; i < len(good); i++ {
			for _, c := range []byte{' ', '=', '\n', 0, 0x80, 0xff, '.', '~', '*'} {
				if c == '=' && i >= len(good)-2 && d.name != "HexDecode" {
					continue // may be valid padding
				}
				text := good[:i] + string([]byte{c}) + good[i+1:]
				if _, err := d.f(text); !errors.Is(err, secrets.ErrInvalidArgument) {
					t.Fatalf("%s with %q at %d: %v, want ErrInvalidArgument", d.name, c, i, err)
				}
			}
		}
	}
}

// Differential test against encoding/hex and encoding/base64 (in Strict
// mode; they skip line breaks, which the library rejects): texts made of
// valid characters with a few wrong ones, padding and lengths mixed.
func TestDecodeDifferential(t *testing.T) {
	const chars = "AZaz09+/-_=Gg"
	for _, d := range decoders {
		for i := 0; i < 4000; i++ {
			seed, err := secrets.TokenBytes(1 + i%13)
			noErr(t, "TokenBytes", err)
			var sb strings.Builder
			for _, b := range seed {
				sb.WriteByte(chars[int(b)%len(chars)])
			}
			// Mostly valid texts too: encodings of the seed, sometimes
			// with their last character changed (unused bits).
			text := sb.String()
			switch i % 3 {
			case 1:
				text = d.enc(seed)
			case 2:
				e := d.enc(seed)
				text = e[:len(e)-1] + string(chars[int(seed[0])%len(chars)])
			}
			checkDifferential(t, d, text)
		}
	}
}

func checkDifferential(t *testing.T, d decoder, text string) {
	t.Helper()
	want, refErr := d.ref(text)
	got, err := d.f(text)
	switch {
	case refErr == nil && (err != nil || !bytes.Equal(got, want)):
		t.Fatalf("%s(%q) = %x, %v; reference gives %x", d.name, text, got, err, want)
	case refErr != nil && !errors.Is(err, secrets.ErrInvalidArgument):
		t.Fatalf("%s(%q) = %x, %v; reference rejects it (%v)", d.name, text, got, err, refErr)
	}
}

// FuzzDecode runs the differential test on the fuzzer's texts (go test
// -fuzz FuzzDecode); a plain go test runs the seeds.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "00", "0g", "c2VjcmV0", "c2VjcmV0cw==", "c2VjcmV0cw", "AB==", "-_+/", "A==="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if strings.ContainsAny(text, "\r\n") { // encoding/base64 skips them; the library does not
			for _, d := range decoders {
				if _, err := d.f(text); !errors.Is(err, secrets.ErrInvalidArgument) {
					t.Fatalf("%s(%q) accepts a line break: %v", d.name, text, err)
				}
			}
			return
		}
		for _, d := range decoders {
			checkDifferential(t, d, text)
		}
	})
}
