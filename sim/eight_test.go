package sim

// eightProfessions is the catalogue of the first release (commit 905bfd4):
// eight professions, shared seats in mind, margin 1. Benchmarks keep it so
// that engine versions compare on the same world.
func eightProfessions() []Profession {
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

// firstReleaseWorld is the default world of commit 905bfd4: shared seats,
// the eight professions at margin 1, the default mix.
func firstReleaseWorld() Config {
	c := Default()
	c.Population.Seats = Shared
	c.Professions = eightProfessions()
	return c
}
