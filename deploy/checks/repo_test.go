package checks

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository root, two folders up from this module.
var root = filepath.Join("..", "..")

func readFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// version is cmd/sim's Version: the release, and the image tag.
func version(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^const Version = "([^"]+)"`).FindSubmatch(readFile(t, "cmd/sim/main.go"))
	if m == nil {
		t.Fatal("cmd/sim/main.go: no const Version")
	}
	return string(m[1])
}

// repository is the GitHub repository, owner/name, from the main
// module's path (github.com/owner/name).
func repository(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^module github\.com/(\S+)`).FindSubmatch(readFile(t, "go.mod"))
	if m == nil {
		t.Fatal("go.mod: the module path is not github.com/owner/name")
	}
	return string(m[1])
}

// trackedFiles lists the repository's files as git sees them (tracked or
// new and not ignored), or walks the tree when git cannot say.
func trackedFiles(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard").Output()
	if err == nil {
		var files []string
		for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if _, err := os.Lstat(filepath.Join(root, f)); err == nil { // not deleted
				files = append(files, f)
			}
		}
		return files
	}
	var files []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "results" || d.Name() == "bin") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files
}
