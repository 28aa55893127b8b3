import pino, { type Logger } from 'pino';
import { REDACTION, maskSecrets } from './redaction.js';

type SerializedError = ReturnType<typeof pino.stdSerializers.err>;

/** pino's error serializer, with secret-shaped text masked in every string it keeps (message, stack, causes, fields). */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return typeof error === 'string' ? maskSecrets(error) : error;
  return maskDeep(pino.stdSerializers.err(error), 0);
}

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as SerializedError)) out[k] = maskDeep(v, depth + 1);
  return out;
}

/**
 * The app's logger: a child of Probot's (which picks JSON or pretty output from LOG_FORMAT and the
 * level from LOG_LEVEL) that removes secrets at known paths (REDACT_PATHS) and masks secret-shaped
 * text in errors. Document text is never logged above debug.
 */
export function createAppLogger(base: Logger, bindings: Record<string, unknown> = { name: 'rfc-panel' }): Logger {
  return base.child(bindings, { redact: REDACTION, serializers: { err: serializeError, error: serializeError } });
}
