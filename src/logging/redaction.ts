/** Secrets that must never reach a log line, wherever they appear in a logged object. */
export const REDACT_PATHS = [
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'privateKey',
  '*.privateKey',
  'secret',
  '*.secret',
  'webhookSecret',
  '*.webhookSecret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  'headers["x-api-key"]',
  '*.headers["x-api-key"]',
  '*.*.headers["x-api-key"]',
  'env.ANTHROPIC_API_KEY',
  'env.PRIVATE_KEY',
  'env.WEBHOOK_SECRET',
  'env.GITHUB_TOKEN',
  'err.request.headers.authorization',
  'err.response.headers.authorization',
  'err.request.headers["x-api-key"]',
];

export const REDACTION = { paths: REDACT_PATHS, censor: '[redacted]' };

const SECRET_SHAPES = [
  /sk-ant-[A-Za-z0-9_-]{8,}/g,
  /gh[pousr]_[A-Za-z0-9]{20,}/g,
  /github_pat_[A-Za-z0-9_]{20,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /v1\.[0-9a-f]{40}/g,
];

/** Last line of defence for free text (error messages, model output): secret-shaped strings are masked. */
export function maskSecrets(text: string): string {
  return SECRET_SHAPES.reduce((t, re) => t.replace(re, '[redacted]'), text);
}
