package main

import (
	"strings"
	"testing"

	"github.com/giversgain/giversgain/internal/studyout"
)

func TestSensitivityBlock(t *testing.T) {
	noise := 0.12
	sum := studyout.Summary{
		Sentence: "Givers out-earn takers in 90% of plausible settings.",
		Ranking: []studyout.Influence{
			{Label: "refer_cost", S1: &studyout.Interval{Value: 0.31, Low: 0.2, High: 0.4}, ST: &studyout.Interval{Value: 0.45, Low: 0.4, High: 0.5}, PRCC: &studyout.Interval{Value: -0.8, Low: -0.85, High: -0.75}},
			{Label: "horizon", S1: &studyout.Interval{Value: 0.01, Low: -0.02, High: 0.04}, ST: &studyout.Interval{Value: 0.05, Low: 0.03, High: 0.07}},
		},
		Noise: &noise, Level: 0.95, Points: 3568, Replicates: 4,
	}
	got := sensitivityBlock(sum, "the log income ratio, givers to takers")
	for _, want := range []string{
		"Givers out-earn takers in 90% of plausible settings.\n\n| parameter |",
		"| refer_cost | 0.31 (0.20 to 0.40) | 0.45 (0.40 to 0.50) | - | -0.80 (-0.85 to -0.75) |\n",
		"| horizon | 0.01 (-0.02 to 0.04) | 0.05 (0.03 to 0.07) | - | - |\n",
		"Indices of the log income ratio, givers to takers, most influential first",
		"3568 points, 4 replicates each. The replicates' spread alone would give 12% of the variance",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("block lacks %q:\n%s", want, got)
		}
	}
}
