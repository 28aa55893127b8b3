import type { Finding } from '../findings/schema.js';
import type { FindingStatus } from '../ledger/schema.js';
import { RECOMMENDATION_LABEL } from './labels.js';
import { linesText } from './publish-thread-updates.js';
import { sanitiseMarkdown } from './sanitise-markdown.js';

/** What an answer in a finding's thread says, as data: decided by the reply policy, worded here. */
export type ReplyWords =
  | { say: 'already-settled'; status: FindingStatus }
  | { say: 'bystander-claim' }
  | { say: 'verified'; note: string | null; lines: [number, number] | null }
  | { say: 'not-yet'; missing: string | null }
  | { say: 'claimed' }
  | { say: 'refused-risk'; criticalByAuthor: boolean }
  | { say: 'confirm-risk'; reason: string | null }
  | { say: 'need-reason' }
  | { say: 'accepted'; reason: string }
  | { say: 'refused-withdraw' }
  | { say: 'confirm-withdraw' }
  | { say: 'withdrawn' }
  | { say: 'answer'; text: string; outcome: 'none' | 'stays-open' | 'conceded' }
  | { say: 'explain'; intent: 'question' | 'disagreement' };

export interface ReplyVoice {
  /** The commenter's login. */
  who: string;
  headSha: string;
  finding: Finding;
  /** The finding's persona, by name. */
  persona: string;
}

/** The answer in a finding's thread. Everything a commenter or a model wrote is sanitised. */
export function renderReply(words: ReplyWords, voice: ReplyVoice): string {
  const who = sanitiseMarkdown(voice.who);
  const short = voice.headSha.slice(0, 7);
  switch (words.say) {
    case 'already-settled':
      return `Thanks — this finding is already ${words.status.replace('-', ' ')}.`;
    case 'bystander-claim':
      return `Thanks, ${who}. Every finding is re-checked against the text on each new revision; this one will be too.`;
    case 'verified':
      return `✅ Verified at \`${short}\`: ${sanitiseMarkdown(words.note ?? 'the concern no longer applies')}${linesText(words.lines)}. Resolving this thread.`;
    case 'not-yet':
      return `⏳ Checked \`${short}\`: not fixed yet — ${sanitiseMarkdown(words.missing ?? 'the concern still applies')}. If the fix is in a commit you have not pushed yet, I'll check again when it arrives.`;
    case 'claimed':
      return `Noted. I'll verify it against the text on the next revision (push, **Re-review**, or \`/rfc-panel review\`).`;
    case 'refused-risk': {
      const need = words.criticalByAuthor
        ? 'a Critical finding can be accepted as a risk only by someone with write access'
        : 'only the pull request author or someone with write access can accept a finding as a risk';
      return `Thanks for the input, ${who}. I have not changed this finding: ${need}.`;
    }
    case 'confirm-risk': {
      const heard = words.reason ? ` (“${sanitiseMarkdown(words.reason)}”)` : '';
      return `It sounds like you would accept this as a risk${heard}. To put that on record, reply \`won't fix: <reason>\`; until then the finding stays open.`;
    }
    case 'need-reason':
      return `Please give the reason so it is on record: reply \`won't fix: <reason>\`.`;
    case 'accepted':
      return `🤝 Recorded as an accepted risk by ${who}: “${sanitiseMarkdown(words.reason)}”. It no longer counts against the merge gate.`;
    case 'refused-withdraw':
      return `Only someone with write access can withdraw a finding.`;
    case 'confirm-withdraw':
      return 'To withdraw this finding, reply `/rfc-panel withdraw`; until then it stays open.';
    case 'withdrawn':
      return `↩️ Withdrawn by ${who}.`;
    case 'answer': {
      const text = sanitiseMarkdown(words.text);
      if (words.outcome === 'stays-open') return `${text}\n\nThe finding stays open: only the pull request author or someone with write access can settle it.`;
      return words.outcome === 'conceded' ? `${text}\n\n↩️ Withdrawn by the reviewer. Resolving this thread.` : text;
    }
    case 'explain': {
      const f = voice.finding;
      const stance = words.intent === 'disagreement' ? 'Here is the concern again so we can settle it' : 'Here is the reasoning';
      return [
        `${stance} (${sanitiseMarkdown(voice.persona)}): ${sanitiseMarkdown(f.body)}`,
        '',
        `**${RECOMMENDATION_LABEL[f.recommendation]}.** If the plan already covers this, quote where or push the change and I'll re-check it; if the risk is acceptable, the author or a maintainer can reply \`won't fix: <reason>\`${words.intent === 'disagreement' ? ', or a maintainer can reply `/rfc-panel withdraw`' : ''}.`,
      ].join('\n');
    }
  }
}
