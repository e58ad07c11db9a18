package sim

// eightProfessions is the catalogue of the first release (commit 905bfd4).
// Benchmarks keep it so that engine versions compare on the same world.
func eightProfessions() []Profession { return FirstReleaseProfessions() }

// firstReleaseWorld is the default world of commit 905bfd4: shared seats,
// the eight professions at margin 1, the default mix.
func firstReleaseWorld() Config {
	c := Default()
	c.Population.Seats = Shared
	c.Professions = eightProfessions()
	return c
}
