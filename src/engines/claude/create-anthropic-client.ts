import Anthropic from '@anthropic-ai/sdk';

export interface ClientSettings {
  apiKey: string;
  baseURL: string | null;
  maxRetries: number;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * The SDK client with retries and timeout set explicitly: the SDK retries 408/409/429/5xx/529 and
 * connection errors with backoff, honouring retry-after(-ms); an explicit timeout also lets
 * non-streaming calls use a large max_tokens ("Streaming is required" otherwise).
 */
export function createAnthropicClient(settings: ClientSettings): Anthropic {
  return new Anthropic({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: settings.maxRetries,
    timeout: settings.timeoutMs,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
}
