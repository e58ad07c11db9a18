// Package sweeps embeds the example sweep files (the *.toml files of this
// folder), so that `sim sweep -config ci-smoke` works from any directory: a
// -config that is not an existing file is looked up here by name.
package sweeps

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

// Names returns the names of the embedded sweeps, without ".toml", sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok && !e.IsDir() {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// Read returns the text of the sweep called name, with or without ".toml"
// (a path's folder is ignored). For an unknown name the error lists them.
func Read(name string) ([]byte, error) {
	base := strings.TrimSuffix(path.Base(strings.ReplaceAll(name, `\`, "/")), ".toml")
	if slices.Contains(Names(), base) {
		return files.ReadFile(base + ".toml")
	}
	return nil, fmt.Errorf("unknown sweep %q; built-in sweeps: %s", name, strings.Join(Names(), ", "))
}
