package sweep

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// points.parquet holds the same table as points.csv: same columns in the
// same order, same rows, zstd-compressed.
func TestParquetMatchesCSV(t *testing.T) {
	p := plan(t, tiny)
	dir := t.TempDir()
	if _, err := Run(context.Background(), p, Options{Dir: dir, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, p.Name)
	recs, err := csv.NewReader(bytes.NewReader(read(t, filepath.Join(out, "points.csv")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	data := read(t, filepath.Join(out, "points.parquet"))
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, col := range f.Schema().Fields() {
		names = append(names, col.Name())
	}
	if !slices.Equal(names, recs[0]) {
		t.Fatalf("parquet columns %v, csv header %v", names, recs[0])
	}
	for _, rg := range f.Metadata().RowGroups {
		for _, c := range rg.Columns {
			if c.MetaData.Codec != format.Zstd {
				t.Errorf("column %v: codec %v, want zstd", c.MetaData.PathInSchema, c.MetaData.Codec)
			}
		}
	}
	r := parquet.NewReader(bytes.NewReader(data))
	rows := make([]parquet.Row, 1)
	for i := 1; ; i++ {
		n, err := r.ReadRows(rows)
		if n == 0 && errors.Is(err, io.EOF) {
			if i != len(recs) {
				t.Fatalf("parquet has %d rows, csv %d", i-1, len(recs)-1)
			}
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			t.Fatal(err)
		}
		if i >= len(recs) {
			t.Fatalf("parquet has more rows than the csv's %d", len(recs)-1)
		}
		for j, v := range rows[0] {
			var got string
			switch v.Kind() {
			case parquet.Double:
				got = strconv.FormatFloat(v.Double(), 'g', -1, 64)
			case parquet.Int64:
				got = strconv.FormatInt(v.Int64(), 10)
			default:
				got = string(v.ByteArray())
			}
			if got != recs[i][j] {
				t.Fatalf("row %d column %s: parquet %s, csv %s", i, recs[0][j], got, recs[i][j])
			}
		}
	}
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
