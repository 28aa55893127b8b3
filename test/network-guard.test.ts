import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import Anthropic from '@anthropic-ai/sdk';
import { Probot, ProbotOctokit } from 'probot';
import { takeUnmatchedRequests } from './helpers/http-mock.js';

describe('the test network guard', () => {
  it('intercepts the Anthropic SDK fetch with nock', async () => {
    const scope = nock('https://api.anthropic.com')
      .post('/v1/messages')
      .reply(200, {
        id: 'msg_1',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-6',
        content: [{ type: 'text', text: 'hello' }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 3, output_tokens: 1 },
      });
    const client = new Anthropic({ apiKey: 'test-key', maxRetries: 0 });

    const reply = await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] });

    expect(reply.content).toEqual([{ type: 'text', text: 'hello' }]);
    expect(scope.isDone()).toBe(true);
  });

  it("intercepts Probot's Octokit fetch with nock", async () => {
    const scope = nock('https://api.github.com').get('/repos/o/r/pulls/1').reply(200, { number: 1 });
    const probot = new Probot({
      githubToken: 'test-token',
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });
    const octokit = await probot.auth();

    const { data } = await octokit.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 });

    expect(data).toEqual({ number: 1 });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses and records a request that escapes the mocks', async () => {
    const client = new Anthropic({ apiKey: 'test-key', maxRetries: 0 });

    await expect(client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })).rejects.toThrow();

    expect(takeUnmatchedRequests()).toEqual(['POST api.anthropic.com/v1/messages']);
  });
});
