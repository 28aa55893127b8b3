import nock from 'nock';

// nock reports requests it could not match through its emitter; the app under test may swallow the
// resulting error, so the record is kept here and checked after each test.
const unmatched: string[] = [];
let listening = false;

interface UnmatchedRequest {
  method?: string;
  hostname?: string;
  path?: string;
}

function record(req: UnmatchedRequest | undefined): void {
  unmatched.push(`${req?.method ?? 'GET'} ${req?.hostname ?? ''}${req?.path ?? ''}`);
}

export function resetUnmatchedRequests(): void {
  unmatched.length = 0;
  if (!listening) {
    nock.emitter.on('no match', record);
    listening = true;
  }
}

export function takeUnmatchedRequests(): string[] {
  return unmatched.splice(0, unmatched.length);
}
