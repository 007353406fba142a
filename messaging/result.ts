/** Errors cross context boundaries as values, never as thrown exceptions. */
export type ErrorCode =
  | 'refused' // the sender may not ask this
  | 'invalid' // the message did not match the protocol
  | 'not-found'
  | 'storage' // IndexedDB failed: quota, blocked, closed
  | 'unreachable' // the other side did not answer (asleep, not injected, gone)
  | 'internal';

export interface Failure {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});
