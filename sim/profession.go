package sim

import (
	"fmt"
	"math"
	"slices"
)

// Profession is one line of the catalogue: who practises it, how often a
// client needs it, what one job brings in and what of that the member
// keeps.
type Profession struct {
	Name string
	// Category groups professions for charts (property, finance, ...).
	Category string
	// Share is the weight of members practising it (normalised).
	Share float64
	// Demand is how often a random client needs it, relative to others.
	Demand float64
	// Median is the log-normal median revenue of one job, in dollars:
	// what the client pays, and what members see and talk about.
	Median float64
	// Sigma is the log-normal spread (standard deviation of log value).
	Sigma float64
	// Margin is the fraction of a job's revenue the member keeps (its
	// gross margin): the member's income from a job is Margin times its
	// revenue. Ledgers, deal values and closed business stay revenue.
	Margin float64
	// Source says where Median (and Sigma) come from.
	Source string
	// MarginSource says where Margin comes from.
	MarginSource string
	// DemandSource says where Demand comes from.
	DemandSource string
}

// MeanValue is the mean revenue of one job, the log-normal's mean:
// Median·exp(σ²/2).
func (p Profession) MeanValue() float64 { return p.Median * math.Exp(p.Sigma*p.Sigma/2) }

// ProfessionParam declares one numeric key of a [[professions]] entry,
// once: validation, the config decoder and encoder, parameter paths
// (professions.NAME.KEY) and `sim list` read it.
type ProfessionParam struct {
	Key string
	Range
	Doc string
	ptr func(*Profession) *float64
}

// Get returns the key's value in p.
func (k ProfessionParam) Get(p *Profession) float64 { return *k.ptr(p) }

// Set stores x in p without checking it (Validate does).
func (k ProfessionParam) Set(p *Profession, x float64) { *k.ptr(p) = x }

// largestDeal bounds one job's revenue: median·exp(dealTail·sigma) must
// stay below it, so that no deal, ledger (float32) or total can overflow.
// A normal draw beyond dealTail standard deviations has probability below
// 1e-49.
const (
	largestDeal = 1e15
	dealTail    = 15
)

var professionParams = []ProfessionParam{
	{Key: "share", Range: Range{Max: 1e9}, Doc: "weight of members practising it (normalised over the catalogue)",
		ptr: func(p *Profession) *float64 { return &p.Share }},
	{Key: "demand", Range: Range{Max: 1e9}, Doc: "how often a random client needs it, relative to the other professions",
		ptr: func(p *Profession) *float64 { return &p.Demand }},
	{Key: "median", Range: Range{Min: 0, MinOpen: true, Max: largestDeal}, Doc: "median revenue of one job, dollars (log-normal)",
		ptr: func(p *Profession) *float64 { return &p.Median }},
	{Key: "sigma", Range: Range{Max: 5}, Doc: "log-normal spread of one job's revenue (standard deviation of its log)",
		ptr: func(p *Profession) *float64 { return &p.Sigma }},
	{Key: "margin", Range: Range{Max: 1}, Doc: "fraction of a job's revenue the member keeps (gross margin)",
		ptr: func(p *Profession) *float64 { return &p.Margin }},
}

// ProfessionParams returns the numeric keys of a profession, in file order.
func ProfessionParams() []ProfessionParam { return slices.Clone(professionParams) }

// LookupProfessionParam finds a numeric profession key.
func LookupProfessionParam(key string) (ProfessionParam, bool) {
	for _, k := range professionParams {
		if k.Key == key {
			return k, true
		}
	}
	return ProfessionParam{}, false
}

func (c *Config) validateProfessions(bad func(string, string, ...any)) {
	if len(c.Professions) < 2 {
		bad("professions", "expected at least 2 professions (nobody refers a client to their own), found %d", len(c.Professions))
	}
	if len(c.Professions) > 255 {
		bad("professions", "expected at most 255 professions, found %d", len(c.Professions))
	}
	seen := map[string]bool{}
	shareSum, demandSum, largestDemand := 0.0, 0.0, 0.0
	for i, pr := range c.Professions {
		path := fmt.Sprintf("professions[%d]", i)
		if pr.Name == "" {
			bad(path+".name", "expected a name, found an empty string")
		} else if seen[pr.Name] {
			bad(path+".name", "duplicate profession %q", pr.Name)
		}
		seen[pr.Name] = true
		valid := map[string]bool{}
		for _, k := range professionParams {
			if x := k.Get(&pr); k.Contains(x) {
				valid[k.Key] = true
			} else {
				bad(path+"."+k.Key, "expected %s, found %g", k.Text(), x)
			}
		}
		scale := c.Referrals.ValueScale
		if !(scale > 0 && scale <= 100) {
			scale = 1 // reported as referrals.value_scale
		}
		if big := pr.Median * scale * math.Exp(dealTail*pr.Sigma); valid["median"] && valid["sigma"] && big > largestDeal {
			bad(path+".sigma", "a median of $%g (times value_scale %g) with sigma %g allows single jobs of $%.3g (median·e^(%d·sigma)); keep that under $%g, or deals and ledgers overflow", pr.Median, scale, pr.Sigma, big, dealTail, largestDeal)
		}
		if valid["share"] {
			shareSum += pr.Share
		}
		if valid["demand"] {
			demandSum += pr.Demand
			largestDemand = max(largestDemand, pr.Demand)
		}
	}
	if len(c.Professions) < 2 {
		return
	}
	if !(shareSum > 0) {
		bad("professions", "expected some profession with a share > 0")
	}
	// A member's clients need any profession but its own: for each one
	// practised, some other profession must be in demand.
	for i, pr := range c.Professions {
		others := demandSum
		if pr.Demand >= 0 && pr.Demand <= 1e9 {
			others -= pr.Demand
		}
		if pr.Share > 0 && others <= largestDemand*1e-9 {
			bad(fmt.Sprintf("professions[%d]", i), "members of %q would have no clients: every other profession has demand 0 (or next to it); give another profession a demand > 0", pr.Name)
		}
	}
}
