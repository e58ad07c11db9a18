package configs_test

import (
	"strings"
	"testing"

	"github.com/giversgain/giversgain/configs"
	"github.com/giversgain/giversgain/internal/config"
)

// TestPresetsValidate decodes and validates every embedded preset, as
// `sim validate` would.
func TestPresetsValidate(t *testing.T) {
	names := configs.Names()
	for _, want := range []string{"balanced", "bni-chapter", "giver-heavy", "no-visibility", "scorekeeper-heavy", "taker-heavy"} {
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("preset %q missing; have %v", want, names)
		}
	}
	for _, name := range names {
		data, err := configs.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := config.Decode(name+".toml", data)
		if err != nil {
			t.Errorf("preset %s:\n%v", name, err)
			continue
		}
		if !f.NameGiven || f.Config.Name != name {
			t.Errorf("preset %s: name = %q (given %v), want the file name", name, f.Config.Name, f.NameGiven)
		}
		if err := f.Config.Validate(); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
	}
}

func TestRead(t *testing.T) {
	a, err := configs.Read("giver-heavy")
	if err != nil {
		t.Fatal(err)
	}
	b, err := configs.Read("configs/giver-heavy.toml")
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) || len(a) == 0 {
		t.Error("Read with and without .toml differ")
	}
	for _, bad := range []string{"nope", "", ".toml", "../go.mod", "configs.go"} {
		_, err := configs.Read(bad)
		if err == nil || !strings.Contains(err.Error(), "giver-heavy") {
			t.Errorf("Read(%q) = %v, want an error listing the presets", bad, err)
		}
	}
}

// TestReadSuggests: a mistyped preset name gets a did-you-mean; a name
// like no other gets none.
func TestReadSuggests(t *testing.T) {
	for name, want := range map[string]string{
		"giver-hevy":   `did you mean "giver-heavy"?`,
		"Balanced":     `did you mean "balanced"?`,
		"evolutoin":    `did you mean "evolution"?`,
		"nochannel":    `did you mean "no-channel"?`,
		"frobnication": "",
	} {
		_, err := configs.Read(name)
		if err == nil {
			t.Fatalf("Read(%q) found a preset", name)
		}
		if got := strings.Contains(err.Error(), "did you mean"); got != (want != "") || !strings.Contains(err.Error(), want) {
			t.Errorf("Read(%q): %v; want %q", name, err, want)
		}
	}
}

// TestPresetFacts pins what the issue asks of particular presets.
func TestPresetFacts(t *testing.T) {
	load := func(name string) *config.File {
		data, err := configs.Read(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := config.Decode(name, data)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	g := load("giver-heavy").Config
	if g.Population.Members != 300 || g.Rounds != 520 || g.Replicates != 32 {
		t.Errorf("giver-heavy: members %d rounds %d replicates %d, want 300, 520, 32", g.Population.Members, g.Rounds, g.Replicates)
	}
	givers := 0.0
	for _, s := range g.Strategies {
		if s.Kind == "giver" {
			givers += s.Share
		}
	}
	if givers <= 0.5 {
		t.Errorf("giver-heavy: givers' share %g, want a majority", givers)
	}
	nv := load("no-visibility").Config
	if nv.Referrals.Visibility != 0 || nv.Trust.Gratitude != 0 {
		t.Errorf("no-visibility: visibility %g gratitude %g, want 0 and 0", nv.Referrals.Visibility, nv.Trust.Gratitude)
	}
	bni := load("bni-chapter").Config
	if bni.Population.Members != bni.Population.ChapterSize {
		t.Errorf("bni-chapter: %d members in chapters of %d, want one chapter", bni.Population.Members, bni.Population.ChapterSize)
	}
	for _, name := range []string{"giver-heavy", "balanced", "taker-heavy", "scorekeeper-heavy", "bni-chapter", "no-visibility"} {
		if p := load(name).Config.Evolution.Period; p != 0 {
			t.Errorf("%s: evolution period %d, want 0 (off)", name, p)
		}
	}
}
