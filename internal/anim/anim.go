// Package anim encodes animated charts as GIFs a slide can play: each
// frame is a chart (internal/chart) rendered at slide size, every frame
// shares one palette, and each frame after the first stores only the
// rectangle in which it differs from the one before, so that a race of
// lines growing across a 1920x1080 slide stays well under a few MB.
//
// The output depends only on the frames: the palette is taken from the
// last frame's colours by a fixed rule (the most frequent exact colours,
// ties broken by value), colours are mapped to their nearest palette
// entry without dithering (which would make every frame differ
// everywhere), and frames are rendered concurrently but assembled in
// order, so the bytes are identical for any number of CPUs. The standard
// library's image/gif writes the file.
package anim

import (
	"cmp"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"io"
	"runtime"
	"slices"
	"sync"

	vgdraw "gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/giversgain/giversgain/internal/chart"
)

// Options sets an animation's timing and size.
type Options struct {
	// Frames is how many frames an animation of a run has (see
	// chart.RacesForRun): the weeks are spread evenly over them.
	Frames int
	// Delay is the time each frame but the last is shown, in hundredths
	// of a second (GIF's unit); browsers treat less than 2 as 10.
	Delay int
	// Hold is the time the last frame (the finished chart) is shown
	// before the animation starts again.
	Hold int
	// DPI is the resolution the frames are rendered at: chart.DPI gives
	// the charts' size (1920x1080 at 16:9).
	DPI float64
}

// Slide is an animation for a talk: 48 frames of 8 cs (12.5 frames a
// second: the lines grow for 3.8 s), then the finished chart held for 4 s
// before it loops, at the charts' 1920x1080.
var Slide = Options{Frames: 48, Delay: 8, Hold: 400, DPI: chart.DPI}

// Write renders frames and writes them as a looping animated GIF to w.
func Write(w io.Writer, frames []*chart.Chart, o Options) error {
	g, err := Encode(frames, o)
	if err != nil {
		return err
	}
	return gif.EncodeAll(w, g)
}

// Encode renders frames into a GIF: one palette of the last frame's most
// frequent colours for all, and every frame after the first cut to the
// rectangle where it differs from the frame before (drawn over it:
// disposal none).
func Encode(frames []*chart.Chart, o Options) (*gif.GIF, error) {
	if len(frames) == 0 {
		return nil, errors.New("anim: no frames")
	}
	if o.DPI <= 0 {
		o.DPI = chart.DPI
	}
	last := render(frames[len(frames)-1], o.DPI)
	pal := Palette(last, 256)
	b := last.Bounds()
	g := &gif.GIF{Config: image.Config{ColorModel: pal, Width: b.Dx(), Height: b.Dy()}}
	// Frames are rendered and quantised a batch at a time, one per CPU,
	// then cut against their predecessor in order: memory stays at a
	// batch of full frames however long the animation.
	batch := max(1, runtime.GOMAXPROCS(0))
	var prev *image.Paletted
	for start := 0; start < len(frames); start += batch {
		end := min(start+batch, len(frames))
		full := make([]*image.Paletted, end-start)
		var wg sync.WaitGroup
		for k := start; k < end; k++ {
			wg.Go(func() {
				img := last
				if k != len(frames)-1 {
					img = render(frames[k], o.DPI)
				}
				full[k-start] = quantise(img, pal)
			})
		}
		wg.Wait()
		for i, cur := range full {
			k := start + i
			frame := cur
			if prev != nil {
				r := changed(prev, cur)
				if r.Empty() { // nothing moved: one pixel keeps the frame's delay
					r = image.Rect(0, 0, 1, 1)
				}
				frame = crop(cur, r)
			}
			delay := o.Delay
			if k == len(frames)-1 {
				delay = o.Hold
			}
			g.Image = append(g.Image, frame)
			g.Delay = append(g.Delay, delay)
			g.Disposal = append(g.Disposal, gif.DisposalNone)
			prev = cur
		}
	}
	return g, nil
}

// render draws ch at dpi into an RGBA image of the chart's size.
func render(ch *chart.Chart, dpi float64) *image.RGBA {
	w, h := ch.Size()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(int(dpi)))
	ch.Draw(vgdraw.New(c))
	img := c.Image()
	if rgba, ok := img.(*image.RGBA); ok {
		return rgba
	}
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

// Palette returns at most n colours of img: its most frequent exact
// colours, ties broken by their value, so the same image always gives
// the same palette. Charts are drawn in a few flat colours whose
// anti-aliased edges blend them with white and with each other, so the
// most frequent colours hold every ink and the commoner blends.
func Palette(img *image.RGBA, n int) color.Palette {
	counts := map[uint32]int{}
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, y):img.PixOffset(img.Rect.Max.X, y)]
		for i := 0; i < len(row); i += 4 {
			counts[uint32(row[i])<<16|uint32(row[i+1])<<8|uint32(row[i+2])]++
		}
	}
	keys := make([]uint32, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b uint32) int {
		if c := cmp.Compare(counts[b], counts[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	pal := make(color.Palette, 0, n)
	for _, k := range keys[:min(n, len(keys))] {
		pal = append(pal, color.RGBA{R: uint8(k >> 16), G: uint8(k >> 8), B: uint8(k), A: 0xFF})
	}
	return pal
}

// quantise maps every pixel of img to the nearest colour of pal (squared
// distance in RGB, the first on a tie), without dithering.
func quantise(img *image.RGBA, pal color.Palette) *image.Paletted {
	out := image.NewPaletted(img.Rect, pal)
	rgb := make([][3]int, len(pal))
	for i, c := range pal {
		r, g, b, _ := c.RGBA()
		rgb[i] = [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
	}
	cache := map[uint32]uint8{}
	// Runs of one colour are the rule (white space, flat bands): a pixel
	// like the one before it skips the lookup.
	lastKey, lastIdx := uint32(1<<24), uint8(0)
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		src := img.Pix[img.PixOffset(img.Rect.Min.X, y):]
		dst := out.Pix[out.PixOffset(img.Rect.Min.X, y):]
		for x := range img.Rect.Dx() {
			p := src[4*x : 4*x+3]
			key := uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2])
			if key != lastKey {
				idx, ok := cache[key]
				if !ok {
					idx = nearest(rgb, int(p[0]), int(p[1]), int(p[2]))
					cache[key] = idx
				}
				lastKey, lastIdx = key, idx
			}
			dst[x] = lastIdx
		}
	}
	return out
}

// nearest is the index of the colour of rgb closest to (r, g, b).
func nearest(rgb [][3]int, r, g, b int) uint8 {
	best, bestD := 0, int(^uint(0)>>1)
	for i, c := range rgb {
		dr, dg, db := c[0]-r, c[1]-g, c[2]-b
		if d := dr*dr + dg*dg + db*db; d < bestD {
			best, bestD = i, d
		}
	}
	return uint8(best)
}

// crop copies the rectangle r of p into an image of its own, so that the
// full frame it was cut from can be freed (a SubImage would keep it).
func crop(p *image.Paletted, r image.Rectangle) *image.Paletted {
	out := image.NewPaletted(r, p.Palette)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		copy(out.Pix[out.PixOffset(r.Min.X, y):out.PixOffset(r.Max.X, y)], p.Pix[p.PixOffset(r.Min.X, y):p.PixOffset(r.Max.X, y)])
	}
	return out
}

// changed is the smallest rectangle outside which a and b (of the same
// bounds) are equal; empty when they are equal everywhere.
func changed(a, b *image.Paletted) image.Rectangle {
	r := a.Rect
	var out image.Rectangle
	for y := r.Min.Y; y < r.Max.Y; y++ {
		ra := a.Pix[a.PixOffset(r.Min.X, y):a.PixOffset(r.Max.X, y)]
		rb := b.Pix[b.PixOffset(r.Min.X, y):b.PixOffset(r.Max.X, y)]
		if string(ra) == string(rb) {
			continue
		}
		lo := 0
		for ra[lo] == rb[lo] {
			lo++
		}
		hi := len(ra)
		for ra[hi-1] == rb[hi-1] {
			hi--
		}
		out = out.Union(image.Rect(r.Min.X+lo, y, r.Min.X+hi, y+1))
	}
	return out
}
