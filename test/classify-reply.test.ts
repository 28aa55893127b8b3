// Direct tests of classifyReply, the rules that read a reply in a finding's thread. Only a
// `wont-fix` with a reason can become an accepted risk (who may make it stick is the reply job's
// permission check, covered in app-lifecycle.test.ts), so what reaches `wont-fix` is tested closely.
import { describe, expect, it } from '@jest/globals';
import { classifyReply } from '../src/ledger/classify-reply.js';

describe('replies that can accept a risk', () => {
  it('reads "won\'t fix:" with the text after it as the recorded reason', () => {
    const intent = classifyReply("won't fix: the queue is drained before every deploy");

    expect(intent).toEqual({ kind: 'wont-fix', reason: 'the queue is drained before every deploy' });
  });

  it('reads an explicit acceptance of the risk, taking the reason from the text around it', () => {
    const intent = classifyReply('We accept the risk — traffic is internal only');

    expect(intent).toEqual({ kind: 'wont-fix', reason: 'traffic is internal only' });
  });

  it('takes the reason from before the decision when nothing follows it', () => {
    const intent = classifyReply('Only three customers use this path, so out of scope');

    expect(intent).toEqual({ kind: 'wont-fix', reason: 'Only three customers use this path, so' });
  });

  it('gives no reason when the decision stands alone, so the job can ask for one', () => {
    const intent = classifyReply('wontfix');

    expect(intent).toEqual({ kind: 'wont-fix', reason: null });
  });

  it('keeps at most 500 characters of the reason', () => {
    const intent = classifyReply(`won't fix: ${'x'.repeat(600)}`);

    expect(intent).toEqual({ kind: 'wont-fix', reason: 'x'.repeat(500) });
  });

  it('reads deferral and "by design" as decisions not to fix', () => {
    const intents = ['Deferred to the next milestone', 'This is by design: the cache is best effort'].map((t) => classifyReply(t).kind);

    expect(intents).toEqual(['wont-fix', 'wont-fix']);
  });

  it('lets a decision win over an argument in the same reply', () => {
    const intent = classifyReply("I disagree, but won't fix: not worth the churn");

    expect(intent).toEqual({ kind: 'wont-fix', reason: 'not worth the churn' });
  });
});

describe('replies that cannot accept a risk', () => {
  it('ignores a decision that is only quoted from someone else', () => {
    const intent = classifyReply("> won't fix: nobody uses it\n\nWhy would nobody use it?");

    expect(intent).toEqual({ kind: 'question' });
  });

  it('ignores a decision inside a code block', () => {
    const intent = classifyReply("Try replying with\n```\nwon't fix: reason\n```\nthanks");

    expect(intent).toEqual({ kind: 'other' });
  });

  it('reads an argument that the finding is wrong as a disagreement', () => {
    const intent = classifyReply('This is a false positive, the retries are in the client.');

    expect(intent).toEqual({ kind: 'disagreement' });
  });

  it('reads a question as a question', () => {
    const intent = classifyReply('Should the retries have jitter as well');

    expect(intent).toEqual({ kind: 'question' });
  });

  it('reads an unrelated remark as nothing in particular', () => {
    const intent = classifyReply('Thanks for the review!');

    expect(intent).toEqual({ kind: 'other' });
  });
});

describe('other intents', () => {
  it('reads /rfc-panel withdraw on its own line as a withdrawal', () => {
    const intent = classifyReply("Fair point from the author.\n/rfc-panel withdraw won't fix");

    expect(intent).toEqual({ kind: 'withdraw' });
  });

  it('reads an unnegated claim of a fix as addressed', () => {
    const intent = classifyReply('Fixed in the latest push, backoff is now exponential.');

    expect(intent).toEqual({ kind: 'addressed' });
  });

  it('does not read a negated claim of a fix as addressed', () => {
    const intents = ['Not fixed yet, working on it.', 'This is not yet addressed.'].map((t) => classifyReply(t));

    expect(intents).toEqual([{ kind: 'other' }, { kind: 'other' }]);
  });

  it('does not read a contracted negation as addressed', () => {
    const intents = ["It isn't addressed.", "We haven't fixed it yet.", "This wasn't handled in the revision."].map((t) => classifyReply(t));

    expect(intents).toEqual([{ kind: 'other' }, { kind: 'other' }, { kind: 'other' }]);
  });

  it('reads a sentence that only looks like a contraction as a claim of a fix', () => {
    const intent = classifyReply('I went and fixed the retry section.');

    expect(intent).toEqual({ kind: 'addressed' });
  });

  it('reads a claim that ends in a question mark as a question', () => {
    const intent = classifyReply('I added a retry section, is that enough?');

    expect(intent).toEqual({ kind: 'question' });
  });
});
