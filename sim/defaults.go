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

// DefaultProfessions is the default catalogue. Members are spread evenly
// across professions (assumption). Demand weights (how often a random
// client needs the profession) are assumptions ordered by everyday
// experience (flowers and plumbing often, a house rarely); their overall
// level is calibrated so that the mean closed business per referral lands
// in BNI's reported $1,200-1,350 (checked by TestCalibration).
func DefaultProfessions() []Profession {
	return []Profession{
		{Name: "florist", Share: 1, Demand: 2, Median: 75, Sigma: 0.5,
			Source: "average retail florist order ~$75 (Society of American Florists consumer surveys)"},
		{Name: "plumber", Share: 1, Demand: 2, Median: 300, Sigma: 0.6,
			Source: "typical residential plumbing job ~$300 (HomeAdvisor/Angi cost guides)"},
		{Name: "accountant", Share: 1, Demand: 1.5, Median: 450, Sigma: 0.4,
			Source: "individual return with business schedule ~$450 (National Society of Accountants fee survey)"},
		{Name: "insurance", Share: 1, Demand: 1, Median: 700, Sigma: 0.8,
			Source: "first-year agent commission: 10-15% of a P&C premium up to 40-90% of a life premium (industry commission schedules)"},
		{Name: "lawyer", Share: 1, Demand: 0.8, Median: 2000, Sigma: 0.8,
			Source: "small-firm matter $1,500-3,000 (Clio Legal Trends Report: hourly rates times hours per matter)"},
		{Name: "web designer", Share: 1, Demand: 0.7, Median: 4000, Sigma: 0.6,
			Source: "small-business website $3,000-5,000 (freelance and agency price surveys)"},
		{Name: "financial adviser", Share: 1, Demand: 0.6, Median: 5000, Sigma: 0.7,
			Source: "1% advisory fee on a $500,000 account, ~$5,000 a year (Kitces Research adviser fee study)"},
		{Name: "realtor", Share: 1, Demand: 0.6, Median: 12000, Sigma: 0.6,
			Source: "buyer-side commission ~2.4% of a sale, mean ~$15,000 (Redfin 2024 commission data)"},
	}
}
