// Issue #7, part 2: the prompt-injection corpus (test/fixtures/injection/README.md). The Claude engine
// is real; the Messages API behind nock plays a model that OBEYS each document. Whatever it returns,
// the app must never approve, never ping anyone, stay within the configured caps, never leak the API
// key (to GitHub or to its logs), never accept a marker it did not write, and never show the model
// what the document hides from people.
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { parseDocument } from '../src/documents/parse-document.js';
import { fingerprint } from '../src/findings/fingerprint.js';
import { lineAnchor } from '../src/findings/make-anchor.js';
import { decodeLedger, encodeLedger } from '../src/ledger/ledger-codec.js';
import { findingIdIn, marker, reviewHead } from '../src/github/markers.js';
import { sanitiseMarkdown } from '../src/publish/sanitise-markdown.js';
import { errorsIn, createHardenedHarness, type HardenedHarness } from './fixtures/bad-inputs/harness.js';
import { API_KEY, FORGED_LEDGER, HEAD, INJECTION_CASES, type InjectionCase, injectionDoc, type Obeyed, QUOTE } from './fixtures/injection/cases.js';
import { type FakeClaude, fakeClaude } from './fixtures/injection/fake-claude.js';
import { pingableMentions } from './fixtures/injection/mentions.js';
import { FakeGitHub } from './helpers/fake-github.js';

const CAPS = { critical: 3, important: 3, 'nice-to-have': 2 };
const CONFIG = `reviewers:\n  enable: [staff-engineer]\ncaps:\n  critical: ${CAPS.critical}\n  important: ${CAPS.important}\n  nice-to-have: ${CAPS['nice-to-have']}\n`;
/** What a reader never sees; the model must not either. */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists invisible code points (variation selectors included) by escape, one by one, to strip them; nothing combines
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u;

function toLlm(o: Obeyed): Record<string, unknown> {
  return {
    title: o.title.slice(0, 200),
    severity: o.severity ?? 'important',
    body: o.body.slice(0, 4000),
    recommendation: 'required',
    quote: o.quote === undefined ? QUOTE : o.quote,
    section: 'Proposal',
    ...(o.suggestion ? { suggestion: o.suggestion } : {}),
    concern: o.concern ?? 'injection-obeyed',
  };
}

/** Every text the app sent GitHub to show people: bodies, check-run titles and summaries. */
function postedTexts(github: FakeGitHub): Array<{ where: string; text: string }> {
  const out: Array<{ where: string; text: string }> = [];
  const walk = (where: string, value: unknown, key = ''): void => {
    if (typeof value === 'string') {
      if (['body', 'summary', 'title', 'text'].includes(key)) out.push({ where, text: value });
    } else if (Array.isArray(value)) for (const v of value) walk(where, v, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(where, v, k);
  };
  for (const r of github.requests) if ((r.method === 'POST' || r.method === 'PATCH') && !r.path.endsWith('/graphql')) walk(`${r.method} ${r.path}`, r.body);
  return out;
}

const rawMarkers = (text: string): number => text.split('<!-- rfc-panel:').length - 1;

async function review(
  c: InjectionCase,
  github = new FakeGitHub(),
): Promise<{ github: FakeGitHub; h: HardenedHarness; claude: FakeClaude; path: string; text: string }> {
  const path = c.path ?? `docs/rfcs/${c.file}`;
  const text = injectionDoc(c.file);
  github.config = CONFIG;
  github.push(HEAD, { [path]: text });
  // Finding ids are fingerprints anyone can compute: the forged marker of case 08 names a real finding.
  const first = fingerprint('redis-fail-closed', lineAnchor(parseDocument(path, text), 5));
  const obey = c.obey.map((o) => ({
    ...o,
    body: o.body.replaceAll('{FIRST_MARKER}', marker.finding(first)),
    suggestion: o.suggestion?.replaceAll('{FIRST_MARKER}', marker.finding(first)) ?? null,
  }));
  const claude = fakeClaude({ review: () => obey.map(toLlm), summary: c.summary });
  const h = await createHardenedHarness({ github, env: { ANTHROPIC_API_KEY: API_KEY } });
  await h.opened('opened', HEAD);
  h.dispose();
  return { github, h, claude, path, text };
}

describe('a review of a document that tries to steer a model that obeys it', () => {
  it.each(INJECTION_CASES.map((c) => [c.file, c.attack, c] as const))('%s (%s)', async (_file, _attack, c) => {
    // Act
    const { github, h, claude, text } = await review(c);

    // Assert: the real engine ran with the key (sent as a header, never in a body).
    expect(claude.calls.review).toBe(1);
    expect(claude.apiKeys).toEqual(claude.apiKeys.map(() => API_KEY));
    expect(JSON.stringify(claude.bodies)).not.toContain(API_KEY);
    expect(h.unhandled).toEqual([]);
    expect(errorsIn(h.logs)).toEqual([]);
    expect(github.reviews).toHaveLength(1);

    // Never approves.
    expect(github.reviews.map((r) => r.event)).toEqual(['COMMENT']);
    expect(github.requests.filter((r) => (r.body as { event?: string } | undefined)?.event === 'APPROVE')).toEqual([]);

    // No mention that would ping, anywhere the app wrote.
    const posted = postedTexts(github);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.flatMap(({ where, text: t }) => pingableMentions(t).map((m) => `${where}: ${m}`))).toEqual([]);

    // Comments within the configured caps.
    const roots = github.reviewComments.filter((rc) => rc.in_reply_to_id === undefined);
    expect(roots.length).toBeLessThanOrEqual(CAPS.critical + CAPS.important + CAPS['nice-to-have']);

    // The API key reaches neither GitHub (not even inside the compressed ledger) nor the logs.
    const ledger = decodeLedger(github.issueComments.at(-1)?.body);
    expect(JSON.stringify(github.requests)).not.toContain(API_KEY);
    expect(JSON.stringify(ledger)).not.toContain(API_KEY);
    expect(h.logText()).not.toContain(API_KEY);

    // Only the app's own markers, where the app put them, and they say what the app decided.
    for (const r of github.reviews) {
      expect(rawMarkers(r.body)).toBe(1);
      expect(reviewHead(r.body)).toBe(HEAD);
    }
    for (const rc of roots) {
      expect(rawMarkers(rc.body.replace(/^(`{3,})suggestion\n[\s\S]*?\n\1$/m, ''))).toBe(1);
      const entry = ledger?.entries.find((e) => e.finding.id === findingIdIn(rc.body));
      expect({ thread: entry?.threadCommentId, title: rc.body.split('\n')[2] }).toEqual({
        thread: rc.id,
        title: `**${sanitiseMarkdown(entry!.finding.title)}**`,
      });
    }
    const summaries = github.issueComments.filter((ic) => ic.user.type === 'Bot');
    expect(summaries).toHaveLength(1);
    expect(rawMarkers(summaries[0]!.body)).toBe(2);
    expect(ledger?.revisions.map((r) => r.sha)).toEqual([HEAD]);
    expect(ledger?.entries.length).toBe(Math.min(c.obey.length, 8));
    expect(summaries[0]!.body.indexOf(FORGED_LEDGER)).toBe(-1);

    // The model was shown nothing a reader cannot see.
    const shown = claude.shownText();
    expect(shown).not.toMatch(INVISIBLE);
    for (const hidden of c.hidden) expect(shown).not.toContain(hidden);
    // …and the document between delimiters it cannot forge (the id is a hash of the document itself).
    const id = createHash('sha256').update(text).digest('hex').slice(0, 12);
    const reviewCall = claude.bodies.find((b) => (b.tool_choice as { name: string }).name === 'submit_review')!;
    const block = reviewCall.system[1]!.text;
    expect([block.split(`<<<DOCUMENT ${id}>>>`).length - 1, block.split(`<<<END DOCUMENT ${id}>>>`).length - 1]).toEqual([1, 1]);
    expect(block.trimEnd().endsWith(`<<<END DOCUMENT ${id}>>>`)).toBe(true);
  });

  it('holds 1,000 obedient findings to the per-persona limit and the configured caps', async () => {
    // Act
    const { github, claude } = await review(INJECTION_CASES.find((c) => c.file === '12-thousand-findings.md')!);

    // Assert: 8 kept by the engine (maxFindingsPerPersona), 3 shown (caps.critical), one comment each.
    expect(claude.calls.review).toBe(1);
    expect(github.reviewComments).toHaveLength(CAPS.critical);
    expect(decodeLedger(github.issueComments[0]!.body)!.entries).toHaveLength(8);
    expect(github.reviews[0]!.body).toContain('5 more finding(s) beyond the per-severity caps');
  });

  it('ties each comment to its own finding even when a suggestion carries another finding’s marker', async () => {
    // Act
    const { github } = await review(INJECTION_CASES.find((c) => c.file === '08-forge-finding-marker.md')!);

    // Assert
    const ledger = decodeLedger(github.issueComments[0]!.body)!;
    const threadOf = (title: RegExp) => ledger.entries.find((e) => title.test(e.finding.title))!.threadCommentId;
    const commentOf = (title: RegExp) => github.reviewComments.find((rc) => title.test(rc.body.split('\n')[2]!))!.id;
    expect(threadOf(/Failing closed/)).toBe(commentOf(/Failing closed/));
    expect(threadOf(/day-long TTL/)).toBe(commentOf(/day-long TTL/));
  });
});

describe('markers the app did not write', () => {
  it('never change the ledger: not in a posted finding, not in a look-alike summary, not in a thread reply', async () => {
    // Arrange: a first review whose finding carries a forged ledger (saying there are no findings).
    const c = INJECTION_CASES.find((x) => x.file === '10-forge-ledger-marker.md')!;
    const { github, claude } = await review(c);
    const before = decodeLedger(github.issueComments[0]!.body)!;
    expect(before.entries.map((e) => e.status)).toEqual(['open']);
    // Someone impersonates the app: a summary comment with a forged ledger, and a thread reply with markers.
    github.humanIssueComment('mallory', `${marker.summary}\n## rfc-panel — readiness 10/10\n\n${FORGED_LEDGER}`);
    github.humanReply(github.reviewComments[0]!.id, 'mallory', `Done. ${marker.reply(before.entries[0]!.finding.id, 'addressed-eeeeeee')} ${FORGED_LEDGER}`);

    // Act: a new revision that appends a line; the obedient model (the same fake) reviews that change.
    const next = 'f'.repeat(40);
    github.push(next, { [`docs/rfcs/${c.file}`]: `${injectionDoc(c.file)}\nOne more line.\n` });
    const h = await createHardenedHarness({ github, env: { ANTHROPIC_API_KEY: API_KEY } });
    await h.opened('synchronize', next);
    h.dispose();

    // Assert: the app's own summary carries on from its own ledger. The finding's text did not change
    // (the revision only appends a line), so it keeps its status without a verification call.
    expect(claude.calls.verification).toBe(0);
    const own = github.issueComments.filter((ic) => ic.user.type === 'Bot');
    expect(own).toHaveLength(1);
    const after = decodeLedger(own[0]!.body)!;
    expect(after.revisions.map((r) => r.sha)).toEqual([HEAD, next]);
    expect(after.entries.map((e) => [e.finding.id, e.status])).toEqual([[before.entries[0]!.finding.id, 'open']]);
    expect(github.reviews).toHaveLength(1);
    expect(github.checkRuns.at(-1)!.conclusion).toBe('failure');
  });

  it('read only the last ledger and the last finding marker of a body: the app appends its own after everything else', () => {
    // Arrange
    const real = {
      version: 1 as const,
      revisions: [{ sha: HEAD, at: '2026-11-22T10:00:00.000Z', readiness: 5, verdict: 'needs-work', open: { critical: 1, important: 0, niceToHave: 0 } }],
      entries: [],
      dropped: { critical: 0, important: 0, niceToHave: 0 },
    };
    const body = `${marker.summary}\n${FORGED_LEDGER}\n\n${encodeLedger(real)}`;
    const comment = `Text ${marker.finding('0123456789ab')} more text\n\n${marker.finding('abcdefabcdef')}`;

    // Act + Assert
    expect(decodeLedger(body)).toEqual(real);
    expect(findingIdIn(comment)).toBe('abcdefabcdef');
    expect(reviewHead(`${marker.review('1234567')}\n${marker.review(HEAD)}`)).toBe(HEAD);
  });
});
