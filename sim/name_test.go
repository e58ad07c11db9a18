package sim

import (
	"strings"
	"testing"
)

func TestCheckName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
		want string // part of the error
	}{
		{"giver-heavy", true, ""},
		{"über_run 2", true, ""},
		{strings.Repeat("a", MaxNameBytes), true, ""},
		{"", false, "empty"},
		{".", false, "outside the results"},
		{"..", false, "outside the results"},
		{".hidden", false, "starts with '.'"},
		{"../../x", false, "starts with '.'"},
		{"a/b", false, "path separator"},
		{`a\b`, false, "path separator"},
		{"/abs", false, "path separator"},
		{"a\x00b", false, "control character"},
		{"a\nb", false, "control character"},
		{"a\x7fb", false, "control character"},
		{strings.Repeat("a", MaxNameBytes+1), false, "at most 255 bytes"},
		{"a\xffb", false, "UTF-8"},
	} {
		err := CheckName(c.name)
		if c.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("CheckName(%q) = %v; want ok %t or an error with %q", c.name, err, c.ok, c.want)
		}
	}
}

func TestValidateRefusesBadName(t *testing.T) {
	cfg := Default()
	cfg.Name = ".."
	err := cfg.Validate()
	if err == nil || !strings.Contains(err.Error(), "name: ") {
		t.Fatalf("Validate with name \"..\" = %v, want a name error", err)
	}
}
