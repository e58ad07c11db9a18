package sim

// evolve applies the configured strategy revision at the end of every
// period. Off (Period 0) it does nothing.
func (w *world) evolve() {
	e := w.cfg.Evolution
	if e.Period <= 0 || int(w.round)%e.Period != 0 {
		return
	}
	// Implemented in the evolution issue; until then a config with a period
	// is rejected by Validate.
}
