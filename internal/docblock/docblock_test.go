package docblock

import (
	"strings"
	"testing"
)

func TestReplace(t *testing.T) {
	doc := "intro\n<!-- generated: t -->\nold\nrows\n<!-- end: t -->\nafter\n"
	got, err := Replace([]byte(doc), "t", "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "intro\n<!-- generated: t -->\nnew\n<!-- end: t -->\nafter\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	again, _ := Replace(got, "t", "new\n")
	if string(again) != string(got) {
		t.Errorf("replacing with the same body changed the document")
	}
	for _, bad := range []string{"no markers", "<!-- end: t -->\n<!-- generated: t -->\n", "<!-- generated: t -->\n"} {
		if _, err := Replace([]byte(bad), "t", "x\n"); err == nil || !strings.Contains(err.Error(), `no block "t"`) {
			t.Errorf("Replace(%q) = %v, want an error", bad, err)
		}
	}
}
