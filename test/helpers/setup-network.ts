// Every test file runs with the network shut: a request that no mock answers, or a mock that no
// request used, fails the test that caused it (see test/helpers/http-mock.ts).
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import { takeUnmatchedRequests, resetUnmatchedRequests } from './http-mock.js';

beforeAll(() => {
  nock.disableNetConnect();
  // Loopback stays reachable so tests may run their own fake servers (the bench's fake Messages API).
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

beforeEach(() => {
  resetUnmatchedRequests();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const unmatched = takeUnmatchedRequests();
  nock.cleanAll();
  expect({ unusedMocks: pending, unmatchedRequests: unmatched }).toEqual({ unusedMocks: [], unmatchedRequests: [] });
});

afterAll(() => {
  nock.restore();
  nock.activate();
});
