// Package report turns a simulation result into files and tables: the
// deterministic results files of a run (summary.json, timeseries.csv and
// agents.csv) and the small table printed on the terminal at the end of a
// run. Their words come from package findings (the table in any of its
// languages; summary.json's verdict in English, so that the file is the
// same for every -lang).
//
// Every writer takes an io.Writer and touches no file system; the command
// line decides where the bytes go (and writes results folders atomically).
// Outputs depend only on the *sim.Result (and the version string), never on
// the clock or the number of workers, so two runs of one config give
// byte-identical files. No output ever contains NaN or Inf: an undefined
// value (a strategy with no members, a ratio over zero) is written as JSON
// null, as an empty CSV cell, or left out (timeseries rows with no data).
package report
