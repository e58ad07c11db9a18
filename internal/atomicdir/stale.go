package atomicdir

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Temporary names. Everything the tool writes beside a result before it
// is in place is named after the result, what it is, the host and the
// process that made it, and a random part:
//
//	.<base>.tmp-<host>-<pid>-<random>   a result being written
//	.<base>.old-<host>-<pid>-<random>   the previous result, set aside by Swap
//
// <host> is the first 8 hex digits of the SHA-256 of the host's name (a
// name of any length and characters fits), <pid> the process id. A
// process killed while writing (SIGKILL, the OOM killer, a node lost)
// leaves such a folder or file behind; the next write of the same result
// in the same folder removes it (RemoveStale) when it is stale:
//
//   - made on this host by a process that is gone (kill(pid, 0) says no
//     such process): certain, at once;
//   - or older than StaleAfter, whoever made it: a process on another
//     host (a cluster's shared folder) cannot be asked, and no write of
//     results takes a day, so one that old is abandoned.
//
// Nothing else is touched: not a name of another pattern, not another
// result's temporary names, not a symbolic link's target (a link is
// removed, never followed). A set-aside previous result whose result
// folder is missing (the process died between Swap's two renames) is the
// only copy of it: it is moved back into place, not removed.
const (
	tmpTag = ".tmp-"
	oldTag = ".old-"
)

// StaleAfter is the age from which a temporary name of another host's
// process (or one whose process cannot be asked) counts as abandoned.
const StaleAfter = 24 * time.Hour

// hostTag names this host in temporary names.
var hostTag = func() string {
	name, err := os.Hostname()
	if err != nil {
		name = "unknown"
	}
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:4])
}()

// tempName is a fresh temporary name for base of the kind tag.
func tempName(base, tag string) string {
	var r [6]byte
	rand.Read(r[:])
	return "." + base + tag + hostTag + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(r[:])
}

// owner is who made a temporary name: host tag and process id; legacy
// names (".<base>.tmp-<digits>", made by os.MkdirTemp before the host and
// process were in the name) have neither.
type owner struct {
	host   string
	pid    int
	legacy bool
}

// parseTemp reads name as a temporary name of base of the kind tag.
func parseTemp(name, base, tag string) (owner, bool) {
	rest, ok := strings.CutPrefix(name, "."+base+tag)
	if !ok || rest == "" {
		return owner{}, false
	}
	parts := strings.Split(rest, "-")
	switch {
	case len(parts) == 1 && isDigits(parts[0]):
		return owner{legacy: true}, true
	case len(parts) == 3 && len(parts[0]) == 8 && isHex(parts[0]) && isDigits(parts[1]) && isHex(parts[2]):
		pid, err := strconv.Atoi(parts[1])
		return owner{host: parts[0], pid: pid}, err == nil && pid > 0
	}
	return owner{}, false
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func isHex(s string) bool {
	return s != "" && strings.Trim(s, "0123456789abcdef") == ""
}

// stale reports whether a temporary entry of owner o, last modified at
// mod, is abandoned (see the package's temporary names).
func stale(o owner, mod time.Time, now time.Time) bool {
	if !o.legacy && o.host == hostTag && o.pid != os.Getpid() && !alive(o.pid) {
		return true
	}
	return now.Sub(mod) > StaleAfter
}

// RemoveStale removes the abandoned temporary names of base in dir (see
// the package's temporary names) and returns what it removed or moved
// back. A set-aside previous result whose result (dir/base) is missing is
// moved back into place instead. Errors reading dir are returned; an
// entry that cannot be removed is left for the next time.
func RemoveStale(dir, base string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	now := time.Now()
	var done []string
	for _, e := range entries {
		for _, tag := range []string{tmpTag, oldTag} {
			o, ok := parseTemp(e.Name(), base, tag)
			if !ok {
				continue
			}
			path := filepath.Join(dir, e.Name())
			fi, err := os.Lstat(path)
			if err != nil || !stale(o, fi.ModTime(), now) {
				continue
			}
			if tag == oldTag && fi.IsDir() {
				if restored, err := restore(path, filepath.Join(dir, base)); err != nil || restored {
					if restored {
						done = append(done, path)
					}
					continue
				}
			}
			if os.RemoveAll(path) == nil {
				done = append(done, path)
			}
		}
	}
	return done, nil
}

// restore moves a set-aside previous result back to dest when dest is
// missing: the process died between Swap's renames, and this is the only
// copy. It reports whether it did.
func restore(aside, dest string) (bool, error) {
	if _, err := os.Lstat(dest); !errors.Is(err, fs.ErrNotExist) {
		return false, nil // the swap finished: the aside folder is garbage
	}
	prev := filepath.Join(aside, "previous")
	if _, err := os.Lstat(prev); err != nil {
		return false, nil
	}
	if err := rename(prev, dest); err != nil {
		return false, err
	}
	os.Remove(aside)
	return true, nil
}

// mkdirTemp makes a fresh temporary folder for base of the kind tag in
// dir, mode 0700 (Write opens it up once made).
func mkdirTemp(dir, base, tag string) (string, error) {
	for range 100 {
		path := filepath.Join(dir, tempName(base, tag))
		err := os.Mkdir(path, 0o700)
		if err == nil {
			return path, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", &os.PathError{Op: "mkdir", Path: filepath.Join(dir, "."+base+tag+"*"), Err: fs.ErrExist}
}

// createTemp creates a fresh temporary file for base in dir, mode 0666
// before the umask (os.CreateTemp's 0600 kept a cluster's merge job, run
// by another user, from reading the parts), never through a link.
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		path := filepath.Join(dir, tempName(base, tmpTag))
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|noFollow, 0o666)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
	}
	return nil, &os.PathError{Op: "create", Path: filepath.Join(dir, "."+base+tmpTag+"*"), Err: fs.ErrExist}
}
