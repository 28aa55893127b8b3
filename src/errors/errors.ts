/**
 * The app's small error hierarchy. Every failure is sorted into one of these where it enters (file
 * reads, HTTP boundaries, schema parses); map-error-to-outcome.ts turns them into what a user sees.
 */
export class RfcPanelError extends Error {
  override readonly name: string = 'RfcPanelError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Something the user gave us is wrong: a file, a flag, a config key, a persona file. Not retried. */
export class InputError extends RfcPanelError {
  override readonly name: string = 'InputError';
}

/** A config or data file failed validation; `where` names the file and field. */
export class ValidationError extends InputError {
  override readonly name: string = 'ValidationError';
  constructor(
    readonly where: string,
    readonly problems: string[],
  ) {
    super(`${where}: ${problems.join('; ')}`);
  }
}

/** A remote service failed (GitHub, Anthropic). `retryable` says whether trying again may help. */
export class ExternalServiceError extends RfcPanelError {
  override readonly name: string = 'ExternalServiceError';
  constructor(
    readonly service: 'github' | 'anthropic',
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    options?: { cause?: unknown; retryAfterMs?: number | null; network?: string | null; answered?: boolean },
  ) {
    super(message, options);
    this.retryAfterMs = options?.retryAfterMs ?? null;
    this.network = options?.network ?? null;
    this.answered = options?.answered ?? false;
  }

  /** The service answered, but nothing it said could be used (a model's replies failed validation). */
  readonly answered: boolean;

  /** The connection failure, named ("ENOTFOUND (DNS lookup failed…) host"), when the service was never reached. */
  readonly network: string | null;

  /** How long the service asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | null;
}

/** A review would exceed a configured token or cost budget. */
export class BudgetError extends RfcPanelError {
  override readonly name: string = 'BudgetError';
}
