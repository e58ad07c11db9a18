// Package suggest finds what a mistyped name was probably meant to be,
// for the "did you mean" of error messages.
package suggest

import "strings"

// Words returns the candidates a mistyped word most likely meant: those
// equal to it ignoring case, else those within a small edit distance
// (Levenshtein, at most a third of its length and at least 2), in the
// candidates' order. The config reader uses it for unknown keys, the
// command line for unknown commands and presets.
func Words(key string, candidates []string) []string {
	var out []string
	for _, c := range candidates {
		if strings.EqualFold(c, key) {
			out = append(out, c)
		}
	}
	if len(out) > 0 {
		return out
	}
	limit := max(2, len(key)/3)
	for _, c := range candidates {
		if editDistance(strings.ToLower(key), strings.ToLower(c)) <= limit {
			out = append(out, c)
		}
	}
	return out
}

// editDistance is the Levenshtein distance between a and b in bytes,
// capped to keep it cheap on long keys.
func editDistance(a, b string) int {
	if len(a) > 200 || len(b) > 200 {
		if a == b {
			return 0
		}
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
