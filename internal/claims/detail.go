package claims

import "fmt"

// Verdict is "PASS" or "FAIL".
func (o Outcome) Verdict() string {
	if o.Pass {
		return "PASS"
	}
	return "FAIL"
}

// Detail returns the lines Print writes under an outcome's verdict line,
// unindented: what was claimed (when the name is not the statement
// itself) at which confidence, then the evidence: the run's test, or how
// many sweep points held and the points that broke the claim (at most
// ten) or the closest call.
func (o Outcome) Detail() []string {
	var out []string
	if o.Claim.Text != "" {
		if o.Claim.Name != o.Claim.Text {
			out = append(out, "claim: "+o.Claim.Text)
		}
		return append(out, o.Lines...)
	}
	if o.Claim.Name != o.Claim.Statement() {
		out = append(out, fmt.Sprintf("claim: %s (%g%% confidence)", o.Claim.Statement(), 100*o.Claim.Confidence))
	} else {
		out = append(out, fmt.Sprintf("confidence %g%%, one-sided, replicates paired", 100*o.Claim.Confidence))
	}
	return append(out, o.Evidence()...)
}

// Evidence returns the evidence lines of Detail: for a run, its test; for
// a sweep, "held at k of n sweep points" with the closest call, or the
// points that broke the claim, indented by two spaces.
func (o Outcome) Evidence() []string {
	if o.Claim.Text != "" {
		return o.Lines
	}
	if len(o.Points) == 0 {
		return nil
	}
	if o.Axes == nil {
		return []string{o.describe(o.Points[0])}
	}
	failed := o.Failed()
	head := fmt.Sprintf("held at %d of %d sweep points", len(o.Points)-len(failed), len(o.Points))
	if len(failed) == 0 {
		worst := o.Points[0]
		for _, e := range o.Points[1:] {
			if (o.Claim.Above && e.Bound < worst.Bound) || (!o.Claim.Above && e.Bound > worst.Bound) {
				worst = e
			}
		}
		return []string{fmt.Sprintf("%s; closest: %s: %s", head, o.coords(worst), o.describe(worst))}
	}
	out := []string{head + "; broke at:"}
	for i, e := range failed {
		if i == maxListed {
			out = append(out, fmt.Sprintf("  ... and %d more", len(failed)-maxListed))
			break
		}
		out = append(out, fmt.Sprintf("  %s: %s", o.coords(e), o.describe(e)))
	}
	return out
}
