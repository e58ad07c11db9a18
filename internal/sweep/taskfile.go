package sweep

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"unsafe"

	"github.com/giversgain/giversgain/internal/claims"
	"github.com/giversgain/giversgain/internal/inputfile"
	"github.com/giversgain/giversgain/internal/shard"
	"github.com/giversgain/giversgain/sim"
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
	// Extra is the plan's Extra: an extension's own description (a
	// study's parameters, design and outputs); absent for a plain sweep,
	// whose headers are unchanged by it.
	Extra json.RawMessage `json:"extra,omitempty"`
	// HeaderHash is the SHA-256 of the header's JSON without it: a part
	// whose header was edited (its replicates, say, which would silently
	// misplace every value) no longer matches it.
	HeaderHash string `json:"header_hash"`
}

// sealed is h with HeaderHash set from its other fields.
func (h Header) sealed() Header {
	h.HeaderHash = ""
	b, err := json.Marshal(h)
	if err != nil {
		panic(fmt.Sprintf("sweep: encoding a header: %v", err))
	}
	sum := sha256.Sum256(b)
	h.HeaderHash = hex.EncodeToString(sum[:])
	return h
}

// check refuses a header that no sweep writes: one edited by hand or by
// a broken job. It is checked before anything is allocated by its
// numbers (a part claiming 10^12 tasks used to exhaust memory, one of 0
// shards to divide by zero).
func (h *Header) check() error {
	if err := sim.CheckName(h.Name); err != nil {
		return fmt.Errorf("the header's name: %v", err)
	}
	nP := len(h.Coords)
	switch {
	case h.Shards < 1 || h.Shards > shard.MaxCount:
		return fmt.Errorf("the header gives %d shards, expected 1 to %d", h.Shards, shard.MaxCount)
	case h.Shard < 0 || h.Shard >= h.Shards:
		return fmt.Errorf("the header gives shard %d of %d, expected 0 to %d", h.Shard, h.Shards, h.Shards-1)
	case h.Design != Grid && h.Design != Points && h.Design != LHS && len(h.Extra) == 0:
		// An extension's design (a study's sobol or morris) is checked
		// by the extension that rebuilds it from Extra.
		return fmt.Errorf("the header gives design %q, expected %q, %q or %q", h.Design, Grid, Points, LHS)
	case h.Replicates < 1 || h.Replicates > maxReplicates:
		return fmt.Errorf("the header gives %d replicates, expected 1 to %d", h.Replicates, maxReplicates)
	case nP < 1 || nP > MaxPoints:
		return fmt.Errorf("the header gives %d points, expected 1 to %d", nP, MaxPoints)
	case h.Tasks != nP*h.Replicates:
		return fmt.Errorf("the header gives %d tasks, but %d points x %d replicates are %d", h.Tasks, nP, h.Replicates, nP*h.Replicates)
	case h.Tasks > MaxTasks:
		return fmt.Errorf("the header gives %d tasks, more than a sweep may have (%d)", h.Tasks, MaxTasks)
	case len(h.Axes) < 1 || len(h.Strategies) < 1 || len(h.Strategies) > 255 || len(h.Kinds) != len(h.Strategies):
		return fmt.Errorf("the header gives %d axes, %d strategies and %d kinds, expected 1 or more axes and 1 to 255 strategies, each with its kind", len(h.Axes), len(h.Strategies), len(h.Kinds))
	case !slices.Equal(h.Metrics, claims.MetricNames()):
		return fmt.Errorf("the header's metrics %v are not this simulator's %v", h.Metrics, claims.MetricNames())
	}
	for i, c := range h.Coords {
		if len(c) != len(h.Axes) {
			return fmt.Errorf("the header's point %d has %d values for %d axes", i, len(c), len(h.Axes))
		}
	}
	for i, r := range h.Rounds {
		if r < 1 || i > 0 && r <= h.Rounds[i-1] {
			return fmt.Errorf("the header's weeks %v are not increasing weeks from 1", h.Rounds)
		}
	}
	if _, ok := sim.ParseMetric(h.Chart.Metric); !ok {
		return fmt.Errorf("the header's chart metric %q is not a metric", h.Chart.Metric)
	}
	for _, c := range h.Claims {
		if err := c.Check(h.Strategies, h.Kinds, h.Axes); err != nil {
			return fmt.Errorf("the header's claims: %v", err)
		}
	}
	if h.HeaderHash == "" {
		return errors.New("the header has no header_hash (an earlier build of sim wrote it): rerun its shard")
	}
	if want := h.sealed().HeaderHash; h.HeaderHash != want {
		return fmt.Errorf("the header was edited: its header_hash %.12s does not match its contents (%.12s); rerun the shard rather than edit its part", h.HeaderHash, want)
	}
	return nil
}

// ReadHeader reads and checks the header of the part (or checkpoint) at
// path, without its records: what sim merge needs to estimate a merge's
// memory and to compare the parts with a sweep file.
func ReadHeader(path string) (*Header, error) {
	f, err := inputfile.Open(path)
	if err != nil {
		return nil, &MergeError{err.Error()}
	}
	defer f.Close()
	line, err := readLine(bufio.NewReaderSize(f, 1<<16), maxHeaderBytes)
	var h Header
	if err != nil || json.Unmarshal(line, &h) != nil || h.Format != formatVersion {
		return nil, &MergeError{fmt.Sprintf("%s: %v (expected a %s header line)", path, errNotTaskFile, formatVersion)}
	}
	if err := h.check(); err != nil {
		return nil, &MergeError{fmt.Sprintf("%s: %v", path, err)}
	}
	return &h, nil
}

// MergeMemory estimates the peak memory of merging the parts of the
// sweep h describes: every task's record, the tidy table's rows and the
// charts, as Plan.Memory counts them (no world is simulated).
func (h *Header) MergeMemory() sim.Memory {
	slots := int64(h.slots())
	m := sim.Memory{Results: int64(h.Tasks) * (slots*8 + 48 + 1)}
	rows := int64(len(h.Coords)) * int64(len(h.Strategies)) * int64(len(h.Metrics))
	m.Output = rows*(int64(unsafe.Sizeof(row{}))+16) + int64(rowGroupRows)*int64(8+len(h.Axes))*8 + sim.ChartBytes
	return m.Finish(false)
}

func (p *Plan) header(s shard.Shard) Header {
	return Header{
		Format: formatVersion, Name: p.Name, Version: p.Version, Hash: p.Hash(),
		Shard: s.Index, Shards: s.Count, Tasks: p.Tasks(), Design: p.Design,
		Seed: p.Seed, Replicates: p.Replicates, Axes: p.Axes, Coords: p.Coords,
		Strategies: p.Strategies, Kinds: p.Kinds, Metrics: claims.MetricNames(), Rounds: p.Rounds,
		Chart: p.Chart, Claims: p.Claims, Extra: p.Extra,
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

// encodeHeader writes h, sealed with its HeaderHash, as a line.
func encodeHeader(h Header) []byte {
	b, err := json.Marshal(h.sealed())
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
	if err := tf.Header.check(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
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
