import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for POST /v1/messages, honest about the two things the bench measures:
 *
 * Latency: time to first token = ttftMs + uncached input tokens × msPerInputToken (prefill; cache
 * reads are nearly free), then output tokens × msPerOutputToken. The whole reply is sent at the end.
 *
 * Caching, as Anthropic documents it: every block carrying cache_control is a breakpoint; the
 * prefix up to a breakpoint (tools → system → messages, in that order) is a cache entry. A request
 * reads the longest entry that already exists and writes the rest up to its last breakpoint.
 * Prefixes below minCacheableTokens are not cached. An entry becomes readable only when the
 * response that writes it begins (after its time to first token) — so requests that arrive
 * together all miss and all pay the write, as on the real API.
 *
 * Tokens are estimated as characters / 4 of each block's JSON. Replies call the tool the request
 * forces: `submit_review` with findings that quote real lines of the document the request carried,
 * `submit_verification` with a verdict for every finding id listed (not addressed, unless
 * `verdictFor` says otherwise), `submit_summary` with a sentence.
 */
export interface FakeApiOptions {
  ttftMs: number;
  msPerInputToken: number;
  msPerOutputToken: number;
  minCacheableTokens: number;
  /** Output tokens a persona's reply should have (deterministic per persona id). */
  outputTokensFor: (persona: string) => number;
  /** A verification's verdict for a finding id, with the evidence to quote; default: not addressed. */
  verdictFor?: (id: string) => { verdict: 'addressed' | 'partly' | 'not-addressed'; evidence_quote: string | null };
}

export interface FakeCall {
  persona: string;
  /** The tool the request forced: submit_review, submit_verification, submit_summary; null for the warm-up. */
  tool: string | null;
  startedAt: number;
  endedAt: number;
  durationMs: number;
  maxTokens: number;
  usage: { input_tokens: number; output_tokens: number; cache_creation_input_tokens: number; cache_read_input_tokens: number };
}

export interface FakeApi {
  url: string;
  calls: FakeCall[];
  /** Forget every cache entry, as the real cache does five minutes after its last use. */
  clearCache(): void;
  close(): Promise<void>;
}

interface Body {
  model?: string;
  max_tokens?: number;
  tools?: unknown[];
  system?: string | Array<{ text?: string; cache_control?: unknown }>;
  messages?: Array<{ role: string; content: unknown }>;
  tool_choice?: { name?: string };
}

export async function startFakeMessagesApi(options: FakeApiOptions): Promise<FakeApi> {
  /** prefix hash → time (ms since epoch) from which it can be read. */
  const cache = new Map<string, number>();
  const calls: FakeCall[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const startedAt = Date.now();
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'not found' } }));
      return;
    }
    const body = JSON.parse(await readBody(req)) as Body;
    const maxTokens = body.max_tokens ?? 1024;

    // Walk the prompt in cache order and note each breakpoint.
    const blocks: Array<{ json: string; breakpoint: boolean }> = [];
    for (const tool of body.tools ?? []) blocks.push({ json: JSON.stringify(tool), breakpoint: hasCacheControl(tool) });
    const system = typeof body.system === 'string' ? [{ text: body.system }] : (body.system ?? []);
    for (const block of system) blocks.push({ json: JSON.stringify(block), breakpoint: hasCacheControl(block) });
    for (const message of body.messages ?? []) {
      const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : (message.content as unknown[]);
      for (const block of content) blocks.push({ json: JSON.stringify([message.role, block]), breakpoint: hasCacheControl(block) });
    }
    const hash = createHash('sha256').update(body.model ?? '');
    let tokens = 0;
    const breakpoints: Array<{ key: string; tokens: number }> = [];
    for (const block of blocks) {
      hash.update(block.json);
      tokens += Math.ceil(block.json.length / 4);
      if (block.breakpoint && tokens >= options.minCacheableTokens) breakpoints.push({ key: hash.copy().digest('hex'), tokens });
    }
    const total = tokens;
    const hit = [...breakpoints].reverse().find((b) => (cache.get(b.key) ?? Infinity) <= startedAt);
    const read = hit?.tokens ?? 0;
    const last = breakpoints[breakpoints.length - 1];
    const written = last && last.tokens > read ? last.tokens - read : 0;
    const uncached = total - read - written;

    const persona = personaOf(body);
    const ttft = options.ttftMs + (uncached + written) * options.msPerInputToken;
    for (const b of breakpoints) if (!cache.has(b.key) || cache.get(b.key)! > startedAt + ttft) cache.set(b.key, startedAt + ttft);

    const tool = maxTokens <= 1 ? null : (body.tool_choice?.name ?? 'submit_review');
    const reply =
      tool === null
        ? null
        : tool === 'submit_verification'
          ? buildVerdicts(body, options)
          : tool === 'submit_summary'
            ? { summary: 'The fake reviewers found problems worth fixing before launch.' }
            : { ...buildFindings(body, persona, options.outputTokensFor(persona)), ...reviewVerdicts(body, options) };
    const outputTokens = reply ? Math.min(maxTokens, Math.ceil(JSON.stringify(reply).length / 4)) : 1;
    const cutOff = reply !== null && Math.ceil(JSON.stringify(reply).length / 4) > maxTokens;
    await sleep(ttft + outputTokens * options.msPerOutputToken);

    const usage = { input_tokens: uncached, output_tokens: outputTokens, cache_creation_input_tokens: written, cache_read_input_tokens: read };
    const endedAt = Date.now();
    calls.push({ persona, tool, startedAt, endedAt, durationMs: endedAt - startedAt, maxTokens, usage });
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `msg_fake_${calls.length}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: reply && !cutOff ? [{ type: 'tool_use', id: `toolu_fake_${calls.length}`, name: tool, input: reply }] : [],
        stop_reason: reply && !cutOff ? 'tool_use' : 'max_tokens',
        stop_sequence: null,
        usage,
      }),
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'error', error: { type: 'api_error', message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    clearCache: () => cache.clear(),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

function hasCacheControl(block: unknown): boolean {
  return typeof block === 'object' && block !== null && 'cache_control' in block && (block as { cache_control?: unknown }).cache_control != null;
}

function personaOf(body: Body): string {
  if ((body.max_tokens ?? 0) <= 1) return '(cache warm-up)';
  const first = body.messages?.[0]?.content;
  return (typeof first === 'string' && /<reviewer id="([^"]+)">/.exec(first)?.[1]) || 'unknown';
}

/** Findings that quote real document lines, padded so the reply has about `targetTokens` tokens. */
function buildFindings(body: Body, persona: string, targetTokens: number): { findings: unknown[] } {
  const system = Array.isArray(body.system) ? body.system.map((b) => b.text ?? '').join('\n') : (body.system ?? '');
  const lines = [...system.matchAll(/^\s*\d+ \| (.+)$/gm)].map((m) => m[1]!.trim()).filter((l) => l.length > 40 && !l.startsWith('#') && !l.startsWith('|'));
  const seed = parseInt(createHash('sha256').update(persona).digest('hex').slice(0, 8), 16);
  const count = 2 + (seed % 4);
  const severities = ['critical', 'important', 'nice-to-have'] as const;
  const findings = Array.from({ length: count }, (_, i) => ({
    title: `${persona}: concern ${i + 1} about this passage`,
    severity: severities[(seed + i) % 3],
    body: '',
    recommendation: 'should',
    quote: lines.length > 0 ? lines[(seed + i * 7919) % lines.length] : null,
    section: null,
    concern: `bench-${persona.replace(/[^a-z0-9]+/g, '-')}-${i + 1}`,
  }));
  const filler = 'This passage leaves the failure behaviour unstated; say what happens and how it is observed. ';
  const base = Math.ceil(JSON.stringify({ findings }).length / 4);
  const perFinding = Math.max(0, Math.floor(((targetTokens - base) * 4) / count));
  for (const f of findings) f.body = filler.repeat(Math.max(1, Math.ceil(perFinding / filler.length))).slice(0, Math.max(40, perFinding));
  return { findings };
}

/** One verdict per finding id listed in the verification request's user turn. */
function buildVerdicts(body: Body, options: FakeApiOptions): { verdicts: unknown[] } {
  return verdictsFor([...new Set([...userText(body).matchAll(/"id": ?"([0-9a-f]{12})"/g)].map((m) => m[1]!))], options);
}

/** An incremental review that asks the persona to verify its own findings (ids a, b) gets verdicts too. */
function reviewVerdicts(body: Body, options: FakeApiOptions): { verdicts?: unknown[] } {
  const listed = /verify the open findings ([0-9a-f, ]+) against/.exec(userText(body))?.[1];
  return listed
    ? verdictsFor(
        listed.split(/,\s*/).filter((id) => /^[0-9a-f]{12}$/.test(id)),
        options,
      )
    : {};
}

function userText(body: Body): string {
  const first = body.messages?.[0]?.content;
  return typeof first === 'string' ? first : JSON.stringify(first ?? '');
}

function verdictsFor(ids: string[], options: FakeApiOptions): { verdicts: unknown[] } {
  return {
    verdicts: ids.map((id) => {
      const v = options.verdictFor?.(id) ?? { verdict: 'not-addressed' as const, evidence_quote: null };
      return { id, verdict: v.verdict, evidence_quote: v.evidence_quote, missing: v.verdict === 'addressed' ? null : 'The text still leaves this open.' };
    }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
