package sim

import (
	"math"
	"runtime"
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
		{strings.Repeat("a", MaxNameBytes+1), false, "at most 200 bytes"},
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

// TestValidateAllocatesNoChapters: validation sizes chapters without a
// slice per chapter; 2^31-1 members in chapters of 2 used to make
// Validate allocate 8 GB (a billion chapter sizes) before refusing them.
func TestValidateAllocatesNoChapters(t *testing.T) {
	cfg := Default()
	cfg.Population.Members, cfg.Population.ChapterSize = math.MaxInt32, 2
	cfg.Population.Seats = Shared
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := cfg.Validate()
	runtime.ReadMemStats(&after)
	if err == nil {
		t.Error("a world of 2^31-1 members validated")
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
		t.Errorf("Validate allocated %d bytes, want well under 1 MiB", got)
	}
	for _, c := range []struct{ members, size, want int }{
		{300, 30, 30}, {301, 30, 31}, {59, 30, 30}, {7, 2, 2}, {10, 4, 4}, {2, 30, 2}, {math.MaxInt32, 2, 2},
	} {
		if got := largestChapter(c.members, c.size); got != c.want || c.members <= 1000 && got != chapterSizes(c.members, c.size)[0] {
			t.Errorf("largestChapter(%d, %d) = %d, want %d", c.members, c.size, got, c.want)
		}
	}
}
