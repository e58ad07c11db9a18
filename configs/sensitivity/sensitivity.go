// Package sensitivity embeds the sensitivity study files (the *.toml files of this
// folder), so that `sim sensitivity -config sensitivity-smoke` works from any directory: a
// -config that is not an existing file is looked up here by name.
package sensitivity

import (
	"embed"

	"github.com/giversgain/giversgain/configs"
)

//go:embed *.toml
var files embed.FS

// Names returns the names of the embedded studies, without ".toml", sorted.
func Names() []string { return configs.NamesIn(files) }

// Read returns the text of the study called name, with or without ".toml"
// (a path's folder is ignored). For an unknown name the error lists them.
func Read(name string) ([]byte, error) {
	return configs.ReadIn(files, name, "study", "built-in studies")
}
