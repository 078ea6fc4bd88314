// Mocha's spec reporter, plus the run's counts written to TEST_STATS_FILE for test/run.mjs.
const fs = require('node:fs');
const Mocha = require('mocha');

class StatsSpec extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TEST_STATS_FILE;
      if (file) fs.writeFileSync(file, JSON.stringify(this.stats));
    });
  }
}

module.exports = StatsSpec;
