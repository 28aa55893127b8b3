import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import type { PlanDocument } from '../../documents/schema.js';
import { locateQuote } from '../../findings/locate-quote.js';
import { normaliseForMatch } from '../../findings/normalise-for-match.js';
import type { LedgerEntry } from '../../ledger/schema.js';
import type { Persona } from '../../personas/schema.js';
import type { Usage } from '../types.js';
import { estimateCost, type TokenCounts } from './estimate-cost.js';
import { estimateTokens } from './estimate-tokens.js';
import { findNamedSection } from './find-named-section.js';
import type { ResolvedClaudeOptions } from './schema.js';
import { type Chunk, splitIntoChunks } from './split-into-chunks.js';

export type AssistantCall = 'verify' | 'classify' | 'answer';

/** What the assistant's calls share: one client, resolved options, the fixed tool list, the cache gate. */
export interface AssistantContext {
  client: Anthropic;
  options: ResolvedClaudeOptions;
  tools: Anthropic.Tool[];
  /** Runs `call` so that calls on the same cacheable prefix read the cache the first one wrote. */
  cached<T>(system: Anthropic.TextBlockParam[], call: () => Promise<T>): Promise<T>;
  report(call: AssistantCall, tokens: TokenCounts): Usage;
}

export const NO_TOKENS: TokenCounts = { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };

/**
 * The first call on a prefix writes the prompt cache; calls on the same prefix that start while it
 * runs wait for its reply and then read the cache instead of each writing it (verification calls
 * of several personas on one document start together). Prefixes under the model's cache minimum
 * are never cached, so they never wait.
 */
export function createCacheGate(options: Pick<ResolvedClaudeOptions, 'warmCache' | 'minCacheableTokens'>, tools: Anthropic.Tool[]) {
  const written = new Map<string, Promise<void>>();
  return async <T>(system: Anthropic.TextBlockParam[], call: () => Promise<T>): Promise<T> => {
    const text = JSON.stringify([tools, system]);
    if (options.warmCache === 'off' || estimateTokens(text) < options.minCacheableTokens) return call();
    const key = createHash('sha256').update(text).digest('hex');
    const first = written.get(key);
    if (first) {
      await first;
      return call();
    }
    let done!: () => void;
    written.set(key, new Promise<void>((resolve) => (done = resolve)));
    try {
      return await call();
    } finally {
      done();
    }
  };
}

export function toUsage(tokens: TokenCounts, options: Pick<ResolvedClaudeOptions, 'model' | 'prices'>): Usage {
  return { ...tokens, costUsd: estimateCost(tokens, options.model, options.prices) ?? 0 };
}

/** The persona as the review introduces it, so the model speaks in the same voice. */
export function reviewerBlock(persona: Persona): string {
  return [`<reviewer id="${persona.id}">`, `You are ${persona.name}. Focus: ${persona.focus}`, '', persona.prompt.trim(), '</reviewer>'].join('\n');
}

/**
 * Untrusted text between markers that carry a hash of the text itself, so the text cannot contain
 * its own closing marker (the document block uses the same device).
 */
export function delimit(tag: string, text: string): string {
  const id = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return `<<<${tag} ${id}>>>\n${text}\n<<<END ${tag} ${id}>>>`;
}

/** Models sometimes copy the "  12 | " prefixes they were shown; strip them when every line has one. */
export function stripLineNumbers(quote: string): string {
  const lines = quote.replace(/\r\n?/g, '\n').split('\n');
  const prefix = /^[ \t]*\d+ \| ?/;
  const numbered = lines.filter((l) => l.trim().length > 0).every((l) => prefix.test(l));
  return numbered ? lines.map((l) => l.replace(prefix, '')).join('\n') : lines.join('\n');
}

/** Shorter than this (normalised) a quote matches too much to prove anything. */
const MIN_EVIDENCE_CHARS = 8;

export interface LocatedQuote {
  /** The quote on one line, clipped for a thread reply. */
  text: string;
  lines: [number, number];
}

/**
 * Where a model's quote is in the text a reader sees (hidden content blanked): the same text, or
 * the same words with markup and whitespace ignored. A fuzzy look-alike is not accepted: "does not
 * fall back" is very similar to "falls back", and evidence must be the document's own words.
 */
export function locateEvidence(doc: PlanDocument, visibleLines: readonly string[], quote: string | null | undefined, within: Chunk | null = null): LocatedQuote | null {
  const wanted = stripLineNumbers(quote ?? '').trim();
  if (normaliseForMatch(wanted).length < MIN_EVIDENCE_CHARS) return null;
  const visible: PlanDocument = { ...doc, lines: [...visibleLines] };
  const found = locateQuote(visible, wanted, { within: within ? { startLine: within.startLine, endLine: within.endLine } : null });
  if (!found || found.method === 'fuzzy') return null;
  return { text: clip(wanted.replace(/\s+/g, ' ')), lines: [found.startLine, found.endLine] };
}

export function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function linesLabel(lines: [number, number]): string {
  return lines[0] === lines[1] ? `line ${lines[0]}` : `lines ${lines[0]}–${lines[1]}`;
}

/** The document's chunks, as the review would split it (one chunk when it fits maxDocumentTokens). */
export function chunksOf(doc: PlanDocument, visibleLines: readonly string[], options: Pick<ResolvedClaudeOptions, 'maxDocumentTokens'>): Chunk[] {
  return splitIntoChunks(doc, visibleLines, options.maxDocumentTokens);
}

/** The chunk a finding belongs to: where its anchor (or its named section) is now, else the first. */
export function chunkOfEntry(doc: PlanDocument, chunks: Chunk[], entry: LedgerEntry, lineNow: number | null): Chunk {
  const anchor = entry.finding.anchor;
  const line = lineNow ?? findNamedSection(doc, anchor.section)?.headingLine ?? (anchor.startLine !== null && anchor.startLine <= doc.lines.length ? anchor.startLine : null);
  return (line !== null ? chunks.find((c) => c.startLine <= line && line <= c.endLine) : undefined) ?? chunks[0]!;
}
