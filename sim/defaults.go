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
