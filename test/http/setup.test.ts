import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { paths } from '#platform/paths.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { csrfIn, PASSWORD } from '#test/helpers/auth.js';

describe('first run: the coordinator', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it('is created once at /setup, only with the printed token', async () => {
    const agent = request.agent(t.app);
    expect((await agent.get('/setup')).status, 'closed until the server issues a token').to.equal(404);
    const token = (await t.services.setup.issueToken())!;
    const page = await agent.get(`/setup?token=${token}`);
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(`value="${token}"`);
    const body = { _csrf: csrfIn(page.text), email: 'ana@coop.example', displayName: 'Ana', password: PASSWORD, confirm: PASSWORD, locale: 'es' };
    const wrong = await agent.post('/setup').type('form').send({ ...body, token: 'guess' });
    expect(wrong.status).to.equal(403);
    expect(wrong.text).to.contain('value="ana@coop.example"');
    expect(await t.services.accounts.hasCoordinator()).to.equal(false);
    const ok = await agent.post('/setup').type('form').send({ ...body, token });
    expect(ok.status).to.equal(303);
    expect(ok.headers.location).to.equal('/es/login');
    expect((await t.services.accounts.userByEmail('ana@coop.example'))?.role).to.equal('coordinator');
    expect((await agent.get(`/setup?token=${token}`)).status).to.equal(404);
    expect((await agent.post('/setup').type('form').send({ ...body, token, email: 'again@coop.example' })).status).to.equal(404);
    expect(await t.services.setup.issueToken()).to.equal(undefined);
  });

  it('can be created from the command line', () => {
    const cli = path.join(paths.root, 'dist', 'src', 'cli', 'create-coordinator.js');
    const env = { ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.database.kind === 'postgres' ? t.database.url : `sqlite:${t.database.filename}` };
    const ok = spawnSync('node', [cli, '--email', 'Ops@Coop.example', '--name', 'Ops'], { env, encoding: 'utf8' });
    expect(ok.status, ok.stderr).to.equal(0);
    expect(ok.stdout).to.match(/Coordinator ops@coop\.example created\.\nPassword \(shown once\): \S{20}/);
    const again = spawnSync('node', [cli, '--email', 'ops@coop.example'], { env, encoding: 'utf8' });
    expect(again.status).to.equal(1);
    expect(again.stderr).to.contain('email');
    const usage = spawnSync('node', [cli], { env, encoding: 'utf8' });
    expect(usage.status).to.equal(1);
    expect(usage.stderr).to.contain('usage');
  });
});
