package suggest

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	names := []string{"balanced", "giver-heavy", "no-channel", "run", "sweep"}
	for word, want := range map[string][]string{
		"giver-hevy": {"giver-heavy"},
		"BALANCED":   {"balanced"},
		"rnu":        {"run"},
		"nochannel":  {"no-channel"},
		"xyzzy":      nil,
	} {
		if got := Words(word, names); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %v, want %v", word, got, want)
		}
	}
}
