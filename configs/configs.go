// Package configs embeds the preset configs (the *.toml files of this
// folder) so that the sim binary can run them from any directory: a
// -config that is not an existing file is looked up here by name.
package configs

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/giversgain/giversgain/internal/suggest"
)

//go:embed *.toml
var files embed.FS

// Names returns the names of every preset, without ".toml", sorted.
func Names() []string { return NamesIn(files) }

// Read returns the text of the preset called name, given with or without
// ".toml" (a path's folder is ignored: "configs/balanced.toml" reads
// balanced). For an unknown name the error lists the presets.
func Read(name string) ([]byte, error) { return ReadIn(files, name, "preset", "presets") }

// NamesIn returns the names of the *.toml files at the root of fsys,
// without ".toml", sorted.
func NamesIn(fsys fs.FS) []string {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil { // cannot happen with an embedded folder
		return nil
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// ReadIn returns the text of NAME.toml in fsys, name given with or without
// ".toml" and with any folder ignored. For an unknown name the error says
// "unknown <what>", suggests the names it was probably meant to be
// (suggest.Words: "did you mean "giver-heavy"?") and lists the <plural>
// there are.
func ReadIn(fsys fs.FS, name, what, plural string) ([]byte, error) {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(name, `\`, "/")), ".toml")
	names := NamesIn(fsys)
	if base != "" && base != "." && base != "/" && slices.Contains(names, base) {
		return fs.ReadFile(fsys, base+".toml")
	}
	msg := fmt.Sprintf("unknown %s %q", what, name)
	if s := suggest.Words(base, names); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return nil, fmt.Errorf("%s; %s: %s", msg, plural, strings.Join(names, ", "))
}

//go:embed reproduce/*.toml
var reproduceFiles embed.FS

// Reproduce returns the validation experiments' configs (configs/reproduce)
// as a file system of NAME.toml files, for sim reproduce to run from any
// folder.
func Reproduce() fs.FS {
	sub, err := fs.Sub(reproduceFiles, "reproduce")
	if err != nil { // cannot happen: the folder is embedded
		panic(err)
	}
	return sub
}

// FS returns the embedded presets as a file system of NAME.toml files.
func FS() fs.FS { return files }
