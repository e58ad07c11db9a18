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

// TestValidateRefusesImageOverflow: members times chapter size image
// scores must fit the engine's 32-bit index; a config past it used to
// validate.
func TestValidateRefusesImageOverflow(t *testing.T) {
	cfg := Default()
	cfg.Population.Members, cfg.Population.ChapterSize, cfg.Population.MaxContacts = 50_000, 50_000, 65535
	cfg.Population.Seats = Shared
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "image scores, more than the engine indexes") {
		t.Errorf("Validate = %v, want a refusal of 2.5e9 image scores", err)
	}
}
