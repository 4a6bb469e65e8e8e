// Mocha reporter: the spec reporter's output, plus
// - the run's totals written as JSON to SM_TEST_RESULTS, so scripts/test.mjs can print one
//   summary line for all suites;
// - each test counted once, by how it ended: a test that passed and was then failed by an
//   afterEach hook (`this.test.error(...)`, as the integration suite's strict-prompts check
//   does) counts as failed, not as one pass and one failure (mocha's own stats count both);
// - every line also appended to SM_TEST_LOG, which the code-server host tails (the browser
//   console that carries the extension host's output loses printf arguments).
import * as fs from 'node:fs';
import * as util from 'node:util';
import Mocha = require('mocha');

const logFile = process.env.SM_TEST_LOG;
if (logFile) {
  const original = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
    fs.appendFileSync(logFile, util.format(...args) + '\n');
    original(...args);
  };
}

class TotalsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    // The last outcome of each test (or hook, for a hook that failed) decides how it counts.
    const outcome = new Map<Mocha.Runnable, 'passed' | 'failed'>();
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, (test) => outcome.set(test, 'passed'));
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test) => outcome.set(test, 'failed'));
    // Before the spec reporter's summary (registered by super) prints the totals.
    runner.prependOnceListener(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (!runner.stats) return;
      const counts = [...outcome.values()];
      runner.stats.passes = counts.filter((o) => o === 'passed').length;
      runner.stats.failures = counts.filter((o) => o === 'failed').length;
    });
    runner.once('end', () => {
      const file = process.env.SM_TEST_RESULTS;
      if (!file) return;
      const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      fs.writeFileSync(file, JSON.stringify({ passed: s.passes, failed: s.failures, skipped: s.pending }));
    });
  }
}

export = TotalsReporter;
