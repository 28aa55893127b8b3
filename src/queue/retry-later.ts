/** A failed attempt to be tried again after `delayMs` (Retry-After included), as retryPolicy decided; BullMQ's backoff reads it. */
export class RetryLater extends Error {
  override readonly name = 'RetryLater';
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}
