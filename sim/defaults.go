package sim

// Default returns the default world: every scalar parameter at the
// default its declaration gives (Params: each cites its source or says it
// is an assumption), the default mix and the default catalogue. No default
// was chosen to make any strategy win; the calibration targets are BNI's
// activity figures, which say nothing about who earns more.
func Default() Config {
	c := Config{
		Name: "default",
		Strategies: []StrategySpec{
			{Name: "giver", Kind: "giver", Share: 0.5},
			{Name: "scorekeeper", Kind: "scorekeeper", Share: 0.3},
			{Name: "taker", Kind: "taker", Share: 0.2},
		},
		Professions: DefaultProfessions(),
	}
	for _, p := range params {
		if err := p.Set(&c, p.Default); err != nil {
			panic(err) // a declaration whose default has the wrong type
		}
	}
	return c
}

// FirstReleaseProfessions is the catalogue of the first release (commit
// 905bfd4): eight professions with invented demand and deal values and
// margin 1 (income was revenue). It is kept so that what moved the
// published results since then can be measured (make numbers) and engine
// versions benchmarked on the same world; it is no default.
func FirstReleaseProfessions() []Profession {
	return []Profession{
		{Name: "florist", Share: 1, Demand: 2, Median: 75, Sigma: 0.5, Margin: 1},
		{Name: "plumber", Share: 1, Demand: 2, Median: 300, Sigma: 0.6, Margin: 1},
		{Name: "accountant", Share: 1, Demand: 1.5, Median: 450, Sigma: 0.4, Margin: 1},
		{Name: "insurance", Share: 1, Demand: 1, Median: 700, Sigma: 0.8, Margin: 1},
		{Name: "lawyer", Share: 1, Demand: 0.8, Median: 2000, Sigma: 0.8, Margin: 1},
		{Name: "web designer", Share: 1, Demand: 0.7, Median: 4000, Sigma: 0.6, Margin: 1},
		{Name: "financial adviser", Share: 1, Demand: 0.6, Median: 5000, Sigma: 0.7, Margin: 1},
		{Name: "realtor", Share: 1, Demand: 0.6, Median: 12000, Sigma: 0.6, Margin: 1},
	}
}
