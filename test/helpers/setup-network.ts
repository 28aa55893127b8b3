// Every test file runs with the network shut: a request that no mock answers, a mock that no
// request used, or a GitHub request that GitHub's OpenAPI description rejects fails the test.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from '@jest/globals';
import { resetOpenApiProblems, takeOpenApiProblems, watchGitHubRequests } from './github-openapi.js';
import { resetUnmatchedRequests, takeUnmatchedRequests } from './http-mock.js';

beforeAll(() => {
  nock.disableNetConnect();
  // Loopback stays reachable so tests may run their own servers (fake Messages API, Redis).
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  watchGitHubRequests();
});

beforeEach(() => {
  resetUnmatchedRequests();
  resetOpenApiProblems();
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const unmatched = takeUnmatchedRequests();
  const openApiProblems = takeOpenApiProblems();
  nock.cleanAll();
  expect({ unusedMocks: pending, unmatchedRequests: unmatched, openApiProblems }).toEqual({ unusedMocks: [], unmatchedRequests: [], openApiProblems: [] });
});

afterAll(() => {
  nock.restore();
  nock.activate();
});
