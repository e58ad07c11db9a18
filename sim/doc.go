// Package sim is the engine of giversgain: an agent-based model of
// business referral networking in BNI-style chapters. Members meet, pass
// referrals or withhold them, close deals, help, and build trust and
// reputation, week after week; Run simulates the replicates of a Config
// and aggregates them into a Result.
//
// The model is written down in sim/MODEL.md, in the ODD protocol (Grimm
// et al. 2020, JASSS 23(2):7): every rule with the function that
// implements it, every default with its source. Where this package and
// MODEL.md disagree, the code is right and MODEL.md has a bug.
//
// # Contracts
//
// A result is a pure function of the config, seed included. The engine
// reads no files and writes none, prints nothing, reads no clock and
// keeps no state between calls: its package-level variables are tables
// fixed at start-up, never written afterwards. Options (workers,
// progress) never change a result, and a cancelled context returns an
// error, not a partial result.
//
// Results are byte-identical for any number of workers. Replicate k
// draws its set-up and evolution from its own generator, NewStream(seed,
// k), and chapter c's week from NewStream(seed, k, c), each in a fixed
// order; a chapter's play touches only its own members, and what crosses
// chapters is applied after all have played, in chapter order; Aggregate
// combines replicates in index order. So the order in which workers
// finish cannot show. (Across architectures or
// Go versions floating-point results may differ in the last bits: the Go
// specification lets a compiler fuse multiply-adds.)
//
// The engine, not the strategy, draws every outcome: opportunities, the
// profession a client needs and the deal's value, closes, how clients are
// served, who sees an act, meetings, help acts and every draw of
// evolution. A strategy only decides whom to refer a client to, or
// nobody, and whom to help; the generator it is handed serves only those
// choices. So no strategy can cheat its way to a better result.
//
// A strategy sees only its own view (strategies.Contact): its trust in
// each candidate, its own image of a colleague, its ledger with the
// contact, and the typical deal of the contact's profession. Never a
// contact's service quality, strategy or income, nor anyone else's
// images. One strategy value serves all its members and keeps no
// per-member state.
//
// Any config that validates runs. Run validates first (Config.Validate:
// each parameter's declared range, then the limits that tie several
// together); a config it accepts runs to the end without a panic or an
// error, and its summary, time series and agents can be written
// (FuzzDecodeRun in internal/config, TestExtremeValidConfigsRun). A
// series is NaN only where a strategy has no members.
//
// # Memory
//
// Memory is estimated, not checked: EstimateRun (memory.go) computes the
// peak a run needs from the config's sizes and the workers alone, without
// allocating a world, so that the commands can refuse a run that cannot
// fit before it starts. A world holds, per member, a 64-byte record
// (agentStats), five 32-bit indices and its income at the last evolution
// step; per chapter, a size x size matrix of 16-byte colleague ties and
// one of 1-byte image scores (the diagonal included), so a member costs
// 17 bytes per colleague; and 33 bytes per outside contact (a 32-byte
// outRel and its profession in outProf) once the lists fill. Each week
// adds the events that cross chapters. Run keeps, per finished replicate,
// every member's final record (136 bytes, AgentRecord) and the series of
// every round, and the collector lets garbage grow on top (half the live
// memory, or as much again while finished worlds make way for new ones).
// A million-member world after 4 weeks peaks at 959 MiB (estimate 1.3
// GiB); TestMemoryEstimateMatchesMeasured (cmd/sim) holds the estimate to
// 0.9-1.6 times the measured peak at several sizes.
//
// # Files
//
// Each file and the MODEL.md section it implements:
//
//   - doc.go: this overview.
//   - config.go: Config and its sections, the cross-parameter checks of
//     Validate, chapterSizes (MODEL.md 2 Entities, state variables and
//     scales; 5 Initialization; 6.1 Parameters).
//   - params.go: the declaration of every scalar parameter, with range,
//     meaning, default and source; MODEL.md's parameter table is
//     generated from it (6.1).
//   - defaults.go: Default, the default world (6.1).
//   - profession.go: Profession, its numeric keys and their validation
//     (2.2; 6.2).
//   - catalogue.go: DefaultProfessions, the sourced default catalogue
//     (6.2).
//   - world.go: the state (members, relationships, images), newWorld,
//     assignExact and seatExclusive, trustNow and touch, the strategies'
//     views, kept and income (2 Entities; 4.7 Sensing; 5 Initialization;
//     7.1 Trust decay; 7.6 Income).
//   - round.go: step, the schedule of a round; drawMeetings, meet,
//     play, opportunities, refer, observe, help, deliver and Totals (3
//     Process overview and scheduling; 7.2 Meet; 7.3 Opportunities,
//     referral and close; 7.4 Observation and images; 7.5 Help).
//   - sampling.go: who sees an act (seenMask, stepImages), the handful
//     of contacts met for help (sampleContacts), a chapter's counts of
//     acts (countActs) (4.9; 7.2; 7.4; 7.5).
//   - schedule.go: running chapters and tasks on the workers
//     (eachChapter, parallel) and prefetch hints; no model content (3).
//   - donation.go: the donation game (7.9).
//   - evolution.go: evolve with imitation, churn and generation;
//     buildSeek; long-run shares (7.8 Evolution; 7.2; 4.11).
//   - metrics.go: record, Aggregate and the statistics of a Result
//     (4.11 Observation).
//   - memory.go: EstimateWorld and EstimateRun, the memory a run needs,
//     from the layout of world.go; no model content.
//   - run.go: Run and RunReplicate: replicates, workers, the order of
//     step, evolve and record (3; 4.9).
//   - rng.go: random streams, Beta draws, alias tables for Poisson,
//     binomial and weighted draws (4.9 Stochasticity; 5; 7.2-7.5).
//   - prefetch_amd64.go, prefetch_amd64.s, prefetch_other.go: memory
//     prefetch hints for large worlds; no model content.
package sim
