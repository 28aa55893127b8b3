import { it } from '@jest/globals';
import { createHardenedHarness } from './fixtures/bad-inputs/harness.js';
import { FakeGitHub } from './helpers/fake-github.js';

const GOOD = '# Plan\n\n## Proposal\nAdd Redis dependency.\n';
const cases: Record<string, (g: FakeGitHub) => void> = {
  invalidYaml: (g) => { g.config = 'gate: [unclosed\n  foo: : :'; },
  list: (g) => { g.config = '- gate: none\n- drafts: true\n'; },
  scalar: (g) => { g.config = '42\n'; },
  extendsMissing: (g) => { g.config = '_extends: shared-config\ngate: none\n'; },
  aliasBomb: (g) => { g.config = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n'; },
  huge: (g) => { g.config = `gate: none\n${'# padding padding padding padding padding padding padding\n'.repeat(40000)}`; },
  fetch404: (g) => { g.faults.push({ match: /GET .*contents\/docs%2Frfcs%2Fb\.md|GET .*contents\/docs\/rfcs\/b\.md/, status: 404, times: 1 }); },
  config500: (g) => { g.faults.push({ match: /rfc-panel\.yml/, status: 500, times: 5 }); },
};

for (const [name, arrange] of Object.entries(cases)) {
  it(name, async () => {
    const github = new FakeGitHub();
    github.push('c'.repeat(40), { 'docs/rfcs/a.md': GOOD, 'docs/rfcs/b.md': GOOD.replace('Plan', 'Other') });
    arrange(github);
    const h = await createHardenedHarness({ github });
    const t = Date.now();
    await h.opened();
    h.dispose();
    console.log(name, Date.now() - t, 'ms', JSON.stringify({ checks: github.checkRuns.map((c) => [c.status, c.conclusion, c.output?.title, c.output?.summary?.slice(0, 400)]), reviews: github.reviews.length, comments: github.reviewComments.length, attempts: h.attempts, errors: h.logs.filter((l) => l.level >= 40).map((l) => l.msg) , unhandled: h.unhandled.length, reqs: github.requests.map(r=>r.method+' '+r.path).filter(p=>/contents/.test(p))}, null, 1));
  });
}
