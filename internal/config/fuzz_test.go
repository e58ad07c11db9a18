package config

import (
	"bytes"
	"errors"
	"testing"

	"github.com/giversgain/giversgain/configs"
)

// FuzzDecode checks that Decode never panics, that every error it returns
// is a *Error, and that whatever it accepts encodes and decodes back to a
// config that encodes to the same bytes.
func FuzzDecode(f *testing.F) {
	for _, name := range configs.Names() {
		data, err := configs.Read(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tt := range badTests {
		f.Add([]byte(tt.input))
	}
	for _, s := range []string{
		"",
		"population = { mix = { a = 1.0 } }\nstrategies.a.kind = 'giver'\n",
		"[population.mix]\n\"x y\" = 0.5\n'z' = 0.5\n[strategies.\"x y\"]\nkind = \"giver\"\n[strategies.z]\nkind = \"taker\"\n",
		"s = \"\"\"\n[a]\n\"\"\"\n[[claims]]\nx = [1, {y = 2}]\n",
		"[evolution]\nperiod = 0\nselection = nan\nscale = inf\n",
		"professions = [{name = \"\\u0001\", share = 1, demand = 1, median = 1, sigma = 0, margin = 1}, {name = \"b\", share = 0, demand = 0, median = 1e300, sigma = 5, margin = 1}]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode("fuzz.toml", data)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error is not a *Error: %v (%T)", err, err)
			}
			_ = err.Error()
			return
		}
		enc, err := Encode(file.Config)
		if err != nil {
			t.Fatalf("Encode of a decoded config: %v", err)
		}
		back, err := Decode("fuzz.toml", enc)
		if err != nil {
			t.Fatalf("decoding the encoded config: %v\n%s", err, enc)
		}
		enc2, err := Encode(back.Config)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable:\n%s\n---\n%s", enc, enc2)
		}
	})
}
