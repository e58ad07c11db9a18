package anim

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"runtime"
	"testing"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/sim"
)

// small is a run small enough to animate in a test.
func small(t *testing.T) *sim.Result {
	t.Helper()
	cfg := sim.Default()
	cfg.Name, cfg.Rounds, cfg.Replicates = "small", 12, 2
	cfg.Population.Members, cfg.Population.ChapterSize = 60, 30
	res, err := sim.Run(context.Background(), cfg, sim.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// thumb is an animation at a thumbnail's resolution: fast to render.
var thumb = Options{Frames: 12, Delay: 8, Hold: 100, DPI: 24}

// TestRace: the animation has a frame per week asked for, the first whole
// and the rest cut to what changed, the finished chart held longest; put
// together, its last picture is the finished chart.
func TestRace(t *testing.T) {
	res := small(t)
	frames := chart.RacesForRun(res, chart.Options{}, thumb.Frames)[0].Frames
	var buf bytes.Buffer
	if err := Write(&buf, frames, thumb); err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	full := image.Rect(0, 0, 320, 180)
	if len(g.Image) != 12 || g.Config.Width != full.Dx() || g.Config.Height != full.Dy() {
		t.Fatalf("%d frames of %dx%d, want 12 of 320x180", len(g.Image), g.Config.Width, g.Config.Height)
	}
	if g.Image[0].Bounds() != full {
		t.Errorf("first frame %v, want the whole picture", g.Image[0].Bounds())
	}
	for k, fr := range g.Image[1:] {
		if b := fr.Bounds(); b == full || !b.In(full) {
			t.Errorf("frame %d covers %v: not cut to what changed", k+1, b)
		}
	}
	if g.Delay[0] != 8 || g.Delay[11] != 100 || g.LoopCount != 0 {
		t.Errorf("delays %v, loop %d", g.Delay, g.LoopCount)
	}
	// Composed, the frames give the last frame as rendered and quantised.
	canvas := image.NewPaletted(full, g.Image[0].Palette)
	for _, fr := range g.Image {
		draw.Draw(canvas, fr.Bounds(), fr, fr.Bounds().Min, draw.Src)
	}
	last := render(frames[len(frames)-1], thumb.DPI)
	if want := quantise(last, Palette(last, 256)); !bytes.Equal(canvas.Pix, want.Pix) {
		t.Error("the composed animation does not end on the finished chart")
	}
}

// TestDeterministic: the bytes do not depend on the number of CPUs that
// render the frames.
func TestDeterministic(t *testing.T) {
	res := small(t)
	frames := chart.RacesForRun(res, chart.Options{}, 5)[0].Frames
	var a, b bytes.Buffer
	if err := Write(&a, frames, thumb); err != nil {
		t.Fatal(err)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	if err := Write(&b, frames, thumb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("one CPU and several gave different GIFs")
	}
	if _, err := Encode(nil, thumb); err == nil {
		t.Error("no frames: want an error")
	}
}

// TestPalette: the most frequent colours, ties broken by value, at most n.
func TestPalette(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 2))
	white, red, blue := color.RGBA{255, 255, 255, 255}, color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}
	for i, c := range []color.RGBA{white, white, white, red, blue, red, blue, white} {
		img.SetRGBA(i%4, i/4, c)
	}
	got := Palette(img, 2)
	if len(got) != 2 || got[0] != color.Color(white) || got[1] != color.Color(blue) {
		t.Errorf("palette %v, want white, then blue (as frequent as red, lower value)", got)
	}
	q := quantise(img, got)
	if q.ColorIndexAt(3, 0) != 0 && q.ColorIndexAt(3, 0) != 1 {
		t.Error("red is not mapped to a palette colour")
	}
}

// TestChanged: the rectangle of difference, empty for equal frames.
func TestChanged(t *testing.T) {
	pal := color.Palette{color.White, color.Black}
	a, b := image.NewPaletted(image.Rect(0, 0, 10, 10), pal), image.NewPaletted(image.Rect(0, 0, 10, 10), pal)
	if r := changed(a, b); !r.Empty() {
		t.Errorf("equal frames differ in %v", r)
	}
	b.SetColorIndex(2, 3, 1)
	b.SetColorIndex(6, 7, 1)
	if r := changed(a, b); r != image.Rect(2, 3, 7, 8) {
		t.Errorf("changed %v, want (2,3)-(7,8)", r)
	}
}
