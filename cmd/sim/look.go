package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/giversgain/giversgain/internal/chart"
	"github.com/giversgain/giversgain/internal/findings"
)

// lookFlags are the flags that choose the words and the look of what a
// command writes for people: -lang, -titles, -aspect and -theme.
type lookFlags struct {
	lang, titles, aspect, theme string
}

// register adds the flags to fs.
func (l *lookFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&l.lang, "lang", "en", "`language` of every word on the charts and of the summary: "+strings.Join(findings.Tags(), ", ")+" (error messages and help stay English)")
	fs.StringVar(&l.titles, "titles", "plain", "chart title `style`: plain (the finding in words a room reads at a glance; intervals in the subtitle) or research (the finding with its 95% interval)")
	fs.StringVar(&l.aspect, "aspect", "16:9", "chart `shape`: 16:9 or 4:3")
	fs.StringVar(&l.theme, "theme", "light", "chart `colours`: light, or dark for projectors in dim rooms")
}

// options checks the flags and returns the chart options they give.
func (l *lookFlags) options() (chart.Options, error) {
	var opt chart.Options
	lang, err := findings.Lookup(l.lang)
	if err != nil {
		return opt, fmt.Errorf("-lang: %w", err)
	}
	titles, err := findings.ParseTitles(l.titles)
	if err != nil {
		return opt, fmt.Errorf("-titles: %w", err)
	}
	aspect, err := chart.ParseAspect(l.aspect)
	if err != nil {
		return opt, fmt.Errorf("-aspect: %w", err)
	}
	theme, err := chart.ParseTheme(l.theme)
	if err != nil {
		return opt, fmt.Errorf("-theme: %w", err)
	}
	return chart.Options{Words: findings.Words{Lang: lang, Titles: titles}, Aspect: aspect, Theme: theme}, nil
}
