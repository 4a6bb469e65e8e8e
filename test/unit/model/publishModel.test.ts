// The model-based test of the publish path (test/model/publishModel.ts), in the unit suite with a
// bounded number of sequences; `npm run test:model -- --runs N` runs many more.
import { checkPublishModel } from '../../model/publishModel';
import { startEmulator, type Emulator } from '../../emulator/server';

const RUNS = Number(process.env.SM_MODEL_RUNS ?? 200);

describe('publish path: model-based test (random users, writers, faults and answers)', function () {
  this.timeout(20 * 60_000);
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ port: 0 });
  });
  after(() => emu?.stop());

  it(`keeps every promise over ${RUNS} random sequences`, async () => {
    const seed = process.env.SM_MODEL_SEED ? Number(process.env.SM_MODEL_SEED) : undefined;
    const stats = await checkPublishModel(emu, { runs: RUNS, seed, path: process.env.SM_MODEL_PATH });
    console.log(`      ${stats.runs} sequences, ${stats.steps} steps, ${stats.versionsCreated} versions published, ${stats.lostResponses} lost responses, ${stats.raced} writers slipped in, in ${(stats.ms / 1000).toFixed(1)} s`);
  });
});
