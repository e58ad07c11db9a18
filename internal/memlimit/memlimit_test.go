package memlimit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeSystem lays out /proc and /sys files under a temporary root.
func fakeSystem(t *testing.T, files map[string]string) System {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return System{Root: root}
}

const meminfo = "MemTotal:       24684084 kB\nMemFree:        20881896 kB\nMemAvailable:   23368356 kB\n"

func TestAvailable(t *testing.T) {
	const avail = 23368356 * 1024
	for _, c := range []struct {
		what   string
		files  map[string]string
		bytes  int64
		source string
	}{
		{"no cgroup limit", map[string]string{"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/user.slice\n",
			"/sys/fs/cgroup/user.slice/memory.max": "max\n"}, avail, "MemAvailable"},
		{"cgroup v2 limit", map[string]string{"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/job/step\n",
			"/sys/fs/cgroup/job/step/memory.max": "4294967296\n"}, 4 << 30, "/sys/fs/cgroup/job/step/memory.max"},
		{"cgroup v2 limit on a parent", map[string]string{"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/job/step\n",
			"/sys/fs/cgroup/job/step/memory.max": "max\n", "/sys/fs/cgroup/job/memory.max": "2147483648\n"}, 2 << 30, "/sys/fs/cgroup/job/memory.max"},
		{"cgroup v1 limit", map[string]string{"/proc/meminfo": meminfo, "/proc/self/cgroup": "9:pids:/\n4:memory:/docker/abc\n1:cpu,cpuacct:/\n",
			"/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes": "1073741824\n"}, 1 << 30, "memory.limit_in_bytes"},
		{"cgroup v1 without a limit", map[string]string{"/proc/meminfo": meminfo, "/proc/self/cgroup": "4:memory:/process_api/x\n",
			"/sys/fs/cgroup/memory/process_api/x/memory.limit_in_bytes": "9223372036854771712\n"}, avail, "MemAvailable"},
		{"a limit above what is available", map[string]string{"/proc/meminfo": meminfo, "/proc/self/cgroup": "0::/big\n",
			"/sys/fs/cgroup/big/memory.max": "68719476736\n"}, avail, "MemAvailable"},
		{"no /proc/self/cgroup", map[string]string{"/proc/meminfo": meminfo}, avail, "MemAvailable"},
		{"nothing readable", map[string]string{}, 0, ""},
		{"garbage", map[string]string{"/proc/meminfo": "MemAvailable: lots\n", "/proc/self/cgroup": "::::\n0::/\n",
			"/sys/fs/cgroup/memory.max": "-5\n"}, 0, ""},
	} {
		b := fakeSystem(t, c.files).Available()
		if b.Bytes != c.bytes || !strings.Contains(b.Source, c.source) {
			t.Errorf("%s: %d bytes from %q, want %d from %q", c.what, b.Bytes, b.Source, c.bytes, c.source)
		}
	}
}

func TestFindGiven(t *testing.T) {
	if b := Find(1 << 30); b.Bytes != 1<<30 || !b.Given || b.Source != "-max-memory" || b.String() != "1.0 GiB (-max-memory)" {
		t.Errorf("Find(1 GiB) = %+v (%s)", b, b)
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64 // 0: an error
	}{
		{"4GiB", 4 << 30}, {"4 GiB", 4 << 30}, {"4gib", 4 << 30}, {"4G", 4 << 30}, {"4g", 4 << 30},
		{"4GB", 4e9}, {"512MiB", 512 << 20}, {"512M", 512 << 20}, {"1.5GiB", 3 << 29}, {"1TiB", 1 << 40},
		{"100KiB", 100 << 10}, {"100kb", 100e3}, {"123456", 123456}, {"123456B", 123456},
		{"", 0}, {"GiB", 0}, {"-1GiB", 0}, {"0", 0}, {"0.5", 0}, {"4 parsecs", 0}, {"1e3", 0},
		{"NaN", 0}, {"inf", 0}, {"9000000TiB", 0}, {"1.2.3GiB", 0},
	} {
		got, err := Parse(c.in)
		if c.want == 0 {
			if err == nil || !errors.Is(err, ErrSize) {
				t.Errorf("Parse(%q) = %d, %v; want an ErrSize", c.in, got, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}
