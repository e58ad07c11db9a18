// Package sensitivity provides sample designs in the unit hypercube and the
// estimators that turn model outputs at those designs into global
// sensitivity indices, with bootstrap intervals.
//
// The package knows nothing of the simulator: a caller asks for a design
// (rows of points in [0,1]^d, in design order), maps every unit coordinate
// to a parameter value itself (Range does the uniform and log-uniform
// cases), runs the model at every row, and hands the outputs, in design
// order, to the matching analysis function. Every random draw comes from an
// injected math/rand/v2 Source, and nothing reads a clock, a file or a
// global, so a design and its indices are a pure function of the inputs and
// the seed; a caller that checkpoints a long sweep can rebuild the design
// from the seed instead of storing it.
//
// Three methods are provided.
//
// Variance-based (Sobol') first-order and total indices, by SobolDesign and
// AnalyzeSobol. The design is the radial layout of Saltelli (2002) without
// the rows needed for second-order terms; the first-order estimator is that
// of Saltelli et al. (2010) and the total-effect estimator that of Jansen
// (1999):
//
//	Sobol', I. M. (1993). Sensitivity estimates for nonlinear mathematical
//	  models. Mathematical Modelling and Computational Experiments 1:407–414.
//	Jansen, M. J. W. (1999). Analysis of variance designs for model output.
//	  Computer Physics Communications 117:35–43.
//	Saltelli, A. (2002). Making best use of model evaluations to compute
//	  sensitivity indices. Computer Physics Communications 145:280–297.
//	Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M. and
//	  Tarantola, S. (2010). Variance based sensitivity analysis of model
//	  output. Design and estimator for the total sensitivity index.
//	  Computer Physics Communications 181:259–270.
//
// Elementary effects screening, by MorrisDesign and AnalyzeMorris, with the
// random one-factor-at-a-time trajectories of Morris (1991) and the mu*
// measure of Campolongo, Cariboni and Saltelli (2007):
//
//	Morris, M. D. (1991). Factorial sampling plans for preliminary
//	  computational experiments. Technometrics 33:161–174.
//	Campolongo, F., Cariboni, J. and Saltelli, A. (2007). An effective
//	  screening design for sensitivity analysis of large models.
//	  Environmental Modelling & Software 22:1509–1518.
//
// Partial rank correlation coefficients, by PRCC, on any set of points (for
// example the rows of a Sobol' or Morris design):
//
//	Marino, S., Hogue, I. B., Ray, C. J. and Kirschner, D. E. (2008).
//	  A methodology for performing global uncertainty and sensitivity
//	  analysis in systems biology. Journal of Theoretical Biology
//	  254:178–196.
//
// Intervals are percentile bootstrap intervals (Efron, B. and Tibshirani,
// R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall), reported
// with the bootstrap standard error; see Bootstrap and Estimate.
//
// Two test functions with known indices, Ishigami and SobolG, let callers
// and tests check an estimator end to end:
//
//	Ishigami, T. and Homma, T. (1990). An importance quantification
//	  technique in uncertainty analysis for computer models. Proceedings of
//	  the First International Symposium on Uncertainty Modeling and Analysis
//	  (ISUMA '90), 398–403.
//	Saltelli, A. and Sobol', I. M. (1995). About the use of rank
//	  transformation in sensitivity analysis of model output. Reliability
//	  Engineering & System Safety 50:225–239.
//
// For valid input, no result contains NaN or Inf: where an index is
// undefined (outputs with zero variance, an input whose ranks are explained
// by the others) the analysis returns an error instead.
package sensitivity
