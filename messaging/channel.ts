/**
 * The two ends of a typed request channel, shared by both protocols: a client that sends an
 * envelope and always gets a `Result` back, and a dispatcher that validates, checks the sender and
 * turns exceptions into failures.
 */
import * as v from 'valibot';
import type { Runtime } from 'webextension-polyfill';
import { fail, ok, type Result } from './result';
import type { Envelope } from './background-protocol';

type Schemas = Record<string, v.GenericSchema>;
type Handlers<S extends Schemas, R extends Record<keyof S, unknown>> = {
  [K in keyof S]: (params: v.InferOutput<S[K]>, sender: Runtime.MessageSender) => Promise<R[K]> | R[K];
};

export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { channel?: unknown }).channel === 'backstory' &&
    typeof (message as { type?: unknown }).type === 'string'
  );
}

/**
 * Builds an `onMessage` listener. `allow` decides, from the sender alone, whether this request may be
 * answered; messages that are not ours get `undefined` so other listeners may answer them.
 */
export function createDispatcher<S extends Schemas, R extends Record<keyof S, unknown>>(options: {
  schemas: S;
  handlers: Handlers<S, R>;
  allow: (type: keyof S & string, sender: Runtime.MessageSender) => string | null;
  onError?: (type: string, error: unknown) => void;
}) {
  return (message: unknown, sender: Runtime.MessageSender): Promise<Result<unknown>> | undefined => {
    if (!isEnvelope(message)) return undefined;
    return (async () => {
      const type = message.type;
      if (!Object.hasOwn(options.schemas, type)) return fail('invalid', `unknown request "${type}"`);
      const refusal = options.allow(type, sender);
      if (refusal !== null) return fail('refused', refusal);
      const parsed = v.safeParse(options.schemas[type]!, message.params);
      if (!parsed.success) {
        const issue = parsed.issues[0];
        return fail('invalid', `${type}: ${v.getDotPath(issue) ?? 'params'}: ${issue.message}`);
      }
      try {
        return ok(await options.handlers[type]!(parsed.output, sender));
      } catch (error) {
        options.onError?.(type, error);
        if (error instanceof RequestError) return fail(error.code, error.message);
        return fail('internal', error instanceof Error ? error.message : String(error));
      }
    })();
  };
}

/** Thrown by a handler to fail with a specific code; anything else becomes 'internal'. */
export class RequestError extends Error {
  override name = 'RequestError';
  constructor(
    readonly code: 'not-found' | 'storage' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** Sends one request and turns every way it can go wrong into a failure value. */
export async function sendRequest<T>(
  send: (envelope: Envelope) => Promise<unknown>,
  type: string,
  params: unknown,
): Promise<Result<T>> {
  let reply: unknown;
  try {
    reply = await send({ channel: 'backstory', type, params });
  } catch (error) {
    return fail('unreachable', error instanceof Error ? error.message : String(error));
  }
  if (typeof reply !== 'object' || reply === null || typeof (reply as { ok?: unknown }).ok !== 'boolean') {
    return fail('unreachable', `no answer to "${type}"`);
  }
  return reply as Result<T>;
}
