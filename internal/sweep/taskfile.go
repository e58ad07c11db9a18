package sweep

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/inputfile"
	"github.com/giversgain/giversgain/internal/shard"
)

// Header opens every checkpoint and part file: one line of JSON that
// carries what merging needs without the sweep file.
type Header struct {
	Format     string         `json:"format"`
	Name       string         `json:"name"`
	Version    string         `json:"version"`
	Hash       string         `json:"config_hash"`
	Shard      int            `json:"shard"`
	Shards     int            `json:"shards"`
	Tasks      int            `json:"tasks"`
	Design     string         `json:"design"`
	Seed       uint64         `json:"seed"`
	Replicates int            `json:"replicates"`
	Axes       []string       `json:"axes"`
	Coords     [][]float64    `json:"points"`
	Strategies []string       `json:"strategies"`
	Kinds      []string       `json:"kinds"`
	Metrics    []string       `json:"metrics"`
	Rounds     []int          `json:"rounds"`
	Chart      ChartSpec      `json:"chart"`
	Claims     []claims.Claim `json:"claims"`
}

func (p *Plan) header(s shard.Shard) Header {
	return Header{
		Format: formatVersion, Name: p.Name, Version: p.Version, Hash: p.Hash(),
		Shard: s.Index, Shards: s.Count, Tasks: p.Tasks(), Design: p.Design,
		Seed: p.Seed, Replicates: p.Replicates, Axes: p.Axes, Coords: p.Coords,
		Strategies: p.Strategies, Kinds: p.Kinds, Metrics: claims.MetricNames(), Rounds: p.Rounds,
		Chart: p.Chart, Claims: p.Claims,
	}
}

// slots is the number of values one task records: (final + Rounds) x
// strategies x metrics.
func (h *Header) slots() int { return (1 + len(h.Rounds)) * len(h.Strategies) * len(h.Metrics) }

// record is one finished task: its index and its values.
type record struct {
	task   int
	values []float64
}

// appendRecord writes "task,v1,v2,...\n": floats in shortest round-trip
// form, NaN (a strategy without members) as an empty field.
func appendRecord(b []byte, r record) []byte {
	b = strconv.AppendInt(b, int64(r.task), 10)
	for _, v := range r.values {
		b = append(b, ',')
		if !math.IsNaN(v) {
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		}
	}
	return append(b, '\n')
}

func parseRecord(line []byte, slots int) (record, error) {
	fields := bytes.Split(line, []byte{','})
	if len(fields) != slots+1 {
		return record{}, fmt.Errorf("expected %d fields, found %d", slots+1, len(fields))
	}
	t, err := strconv.Atoi(string(fields[0]))
	if err != nil || t < 0 {
		return record{}, fmt.Errorf("bad task index %q", fields[0])
	}
	r := record{task: t, values: make([]float64, slots)}
	for i, f := range fields[1:] {
		if len(f) == 0 {
			r.values[i] = math.NaN()
			continue
		}
		if r.values[i], err = strconv.ParseFloat(string(f), 64); err != nil {
			return record{}, fmt.Errorf("bad value %q", f)
		}
	}
	return r, nil
}

func encodeHeader(h Header) []byte {
	b, err := json.Marshal(h)
	if err != nil {
		panic(fmt.Sprintf("sweep: encoding a header: %v", err))
	}
	return append(b, '\n')
}

// taskFile is a decoded checkpoint or part file.
type taskFile struct {
	Header  Header
	Records []record
	// good is the byte length of the header and the complete, valid
	// records; anything after it (a line cut by a kill) is dropped.
	good int64
}

// errNotTaskFile marks a file that is not a sweep task file at all.
var errNotTaskFile = errors.New("not a giversgain sweep task file")

// Limits on reading a task file: a line is read only up to its limit, so
// that a file of one endless line (or /dev/zero, which is refused before
// it is opened anyway) cannot exhaust memory.
const (
	// maxHeaderBytes bounds the header line: it lists every point's
	// coordinates (100,000 points of a few axes: a few MB) and the claims.
	maxHeaderBytes = 64 << 20
	// maxSlots bounds the values of a record: (1 + the claims' weeks) x
	// strategies x metrics.
	maxSlots = 1 << 20
	// valueBytes is the longest a value of a record is written: a comma
	// and a float64 in shortest form ("-2.2250738585072014e-308").
	valueBytes = 25
)

// errLineTooLong is the error of a line over its limit.
var errLineTooLong = errors.New("line too long")

// readLine reads the next line of br, its break included, refusing (with
// errLineTooLong) one longer than limit bytes without holding more of it.
// At the end of the file it returns what is left and io.EOF.
func readLine(br *bufio.Reader, limit int) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(line)+len(frag) > limit {
			return nil, errLineTooLong
		}
		line = append(line, frag...)
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// readTaskFile reads a checkpoint or part. With lenient set (a checkpoint)
// it stops at the first incomplete or invalid line; otherwise (a part) any
// such line is an error.
func readTaskFile(path string, lenient bool) (*taskFile, error) {
	return readTaskFileContext(context.Background(), path, lenient)
}

// readTaskFileContext is readTaskFile, stopping with ctx's error when ctx
// ends. The file must be a regular file (see inputfile); its header line
// may hold at most maxHeaderBytes, each record at most the header's
// values, and it may hold no more records than the header's tasks.
func readTaskFileContext(ctx context.Context, path string, lenient bool) (*taskFile, error) {
	f, err := inputfile.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	line, err := readLine(br, maxHeaderBytes)
	if errors.Is(err, errLineTooLong) {
		return nil, fmt.Errorf("%s: %w (its first line is longer than a header may be, %d MiB)", path, errNotTaskFile, maxHeaderBytes>>20)
	}
	if err != nil && !(err == io.EOF && lenient) {
		if err == io.EOF {
			return nil, fmt.Errorf("%s: %w (no complete header line)", path, errNotTaskFile)
		}
		return nil, err
	}
	tf := &taskFile{}
	if err == io.EOF || json.Unmarshal(line, &tf.Header) != nil || tf.Header.Format != formatVersion {
		if lenient && err == io.EOF {
			return nil, fmt.Errorf("%s: %w (empty or cut header)", path, errNotTaskFile)
		}
		return nil, fmt.Errorf("%s: %w (expected a %s header line)", path, errNotTaskFile, formatVersion)
	}
	tf.good = int64(len(line))
	slots := tf.Header.slots()
	if slots < 1 || slots > maxSlots {
		return nil, fmt.Errorf("%s: the header gives %d values a task, expected 1 to %d", path, slots, maxSlots)
	}
	limit := 32 + valueBytes*slots
	for n := 2; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		line, err := readLine(br, limit)
		if err == io.EOF && len(line) == 0 {
			return tf, nil
		}
		if err != nil && err != io.EOF && !errors.Is(err, errLineTooLong) {
			return nil, err
		}
		var r record
		var perr error
		switch {
		case errors.Is(err, errLineTooLong):
			perr = fmt.Errorf("longer than a record of %d values may be", slots)
		case err == io.EOF:
			perr = errors.New("line cut short (no line break)")
		case len(tf.Records) >= tf.Header.Tasks:
			perr = fmt.Errorf("more records than the %d tasks of the sweep", tf.Header.Tasks)
		default:
			r, perr = parseRecord(line[:len(line)-1], slots)
		}
		if perr == nil && r.task >= tf.Header.Tasks {
			perr = fmt.Errorf("task %d out of range (the sweep has %d)", r.task, tf.Header.Tasks)
		}
		if perr != nil {
			if lenient {
				return tf, nil
			}
			return nil, fmt.Errorf("%s:%d: %v", path, n, perr)
		}
		tf.Records = append(tf.Records, r)
		tf.good += int64(len(line))
	}
}
