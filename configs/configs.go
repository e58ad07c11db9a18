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
)

//go:embed *.toml
var files embed.FS

// Names returns the names of every preset, without ".toml", sorted.
func Names() []string {
	entries, err := fs.ReadDir(files, ".")
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

// Read returns the text of the preset called name, given with or without
// ".toml" (a path's folder is ignored: "configs/balanced.toml" reads
// balanced). For an unknown name the error lists the presets.
func Read(name string) ([]byte, error) {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(name, `\`, "/")), ".toml")
	if base != "" && base != "." && base != "/" && slices.Contains(Names(), base) {
		return files.ReadFile(base + ".toml")
	}
	return nil, fmt.Errorf("unknown preset %q; presets: %s", name, strings.Join(Names(), ", "))
}

// FS returns the embedded presets as a file system of NAME.toml files.
func FS() fs.FS { return files }
