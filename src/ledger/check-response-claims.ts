import type { PlanDocument } from '../documents/schema.js';
import { compareEntries } from './compare-entries.js';
import type { Verdict } from './verifier.js';
import type { ResponseClaim } from './parse-response.js';
import type { Ledger, LedgerEntry } from './schema.js';

export interface ClaimCheck {
  claim: ResponseClaim;
  entry: LedgerEntry | null;
  outcome: 'verified' | 'verified-elsewhere' | 'not-verified' | 'unverifiable' | 'unmatched' | 'noted';
  detail: string;
  lines: [number, number] | null;
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 3)
      .map((w) => w.slice(0, 6)),
  );
}

function overlap(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.min(x.size, y.size);
}

/** Which ledger finding a claim is about: its id, its number in the summary table, or its words. */
export function matchClaim(claim: ResponseClaim, ledger: Ledger): LedgerEntry | null {
  if (claim.findingId) return ledger.entries.find((e) => e.finding.id === claim.findingId) ?? null;
  const ordered = [...ledger.entries].sort(compareEntries);
  if (claim.number !== null) return ordered[claim.number - 1] ?? null;
  const text = `${claim.heading} ${claim.quotedFinding ?? ''}`;
  let best: LedgerEntry | null = null;
  let score = 0;
  for (const e of ordered) {
    const s = overlap(text, `${e.finding.title} ${e.finding.body}`);
    if (s > score) {
      score = s;
      best = e;
    }
  }
  return score >= 0.5 ? best : null;
}

/**
 * Each claim checked against the text: the finding it names must be fixed now, and the fix must
 * be where the author says (give or take a few lines) — a fix elsewhere is reported as such.
 */
export async function checkResponseClaims(
  claims: ResponseClaim[],
  ledger: Ledger,
  verify: (entry: LedgerEntry) => Promise<{ verdict: Verdict | null; doc: PlanDocument | null }>,
): Promise<ClaimCheck[]> {
  const checks: ClaimCheck[] = [];
  for (const claim of claims) {
    const entry = matchClaim(claim, ledger);
    if (!entry) {
      checks.push({ claim, entry, outcome: 'unmatched', detail: 'no finding in the ledger matches this item', lines: null });
      continue;
    }
    if (claim.status !== 'addressed') {
      checks.push({
        claim,
        entry,
        outcome: 'noted',
        detail:
          claim.status === 'wont-fix'
            ? "not claimed as fixed; reply `won't fix: <reason>` in the finding's thread to record an accepted risk"
            : 'no status given',
        lines: null,
      });
      continue;
    }
    const { verdict } = await verify(entry);
    if (!verdict) {
      checks.push({
        claim,
        entry,
        outcome: 'unverifiable',
        detail: 'this finding can only be re-checked by the model; it will be on the next revision',
        lines: null,
      });
      continue;
    }
    if (verdict.verdict !== 'addressed') {
      checks.push({ claim, entry, outcome: 'not-verified', detail: verdict.missing ?? 'the concern still applies to the text', lines: null });
      continue;
    }
    const at = verdict.evidence?.lines ?? null;
    const near = (a: [number, number], b: [number, number]): boolean => a[0] <= b[1] + 5 && b[0] <= a[1] + 5;
    if (claim.lines && at && !near(claim.lines, at)) {
      checks.push({
        claim,
        entry,
        outcome: 'verified-elsewhere',
        detail: `fixed, but the evidence is at lines ${at[0]}–${at[1]}, not ${claim.lines[0]}–${claim.lines[1]}: ${verdict.evidence?.note ?? ''}`,
        lines: at,
      });
      continue;
    }
    checks.push({ claim, entry, outcome: 'verified', detail: verdict.evidence?.note ?? 'the concern no longer applies', lines: at });
  }
  return checks;
}
