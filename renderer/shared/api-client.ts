/**
 * The one way screens talk to the server: typed HTTP calls checked against the contract, and the
 * event stream. Screens never call fetch() themselves.
 */
import type { z } from 'zod';
import { ApiError } from '../../contract/queue';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let authToken: string | null = null;
export function setAuthToken(token: string | null): void {
  authToken = token;
}

export interface RequestOptions {
  /** Give up after this long (a kiosk must never wait for ever); the call rejects with code "timeout". */
  timeoutMs?: number;
}

export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  responseSchema: S,
  body?: unknown,
  options: RequestOptions = {},
): Promise<z.infer<S> | null> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (authToken) headers.authorization = `Bearer ${authToken}`;
  const controller = options.timeoutMs === undefined ? null : new AbortController();
  const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs) : undefined;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller?.signal,
    });
  } catch (error) {
    if (controller?.signal.aborted)
      throw new ApiRequestError(0, 'timeout', `No answer from the server within ${options.timeoutMs} ms.`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204) return null;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiError.safeParse(json);
    if (parsed.success)
      throw new ApiRequestError(
        response.status,
        parsed.data.error.code,
        parsed.data.error.message,
        parsed.data.error.field,
      );
    throw new ApiRequestError(response.status, 'http-error', `The server answered ${response.status}.`);
  }
  return responseSchema.parse(json);
}

/** For a call that always answers with content: "no content" (204) is a fault, not an empty answer. */
export async function must<T>(promise: Promise<T | null>, what: string): Promise<T> {
  const value = await promise;
  if (value === null) throw new Error(`${what}: the server sent no content`);
  return value;
}

/**
 * Subscribes to /api/events, reconnecting with backoff. Returns a function that stops it.
 * Each message is checked against `schema`; unknown messages are ignored (newer servers may send more).
 */
export function subscribeToEvents<S extends z.ZodType>(
  schema: S,
  onEvent: (event: z.infer<S>) => void,
  onConnectionChange?: (connected: boolean) => void,
): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let delay = 500;
  const connect = () => {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`;
    socket = new WebSocket(url);
    socket.onopen = () => {
      delay = 500;
      onConnectionChange?.(true);
    };
    socket.onmessage = (message) => {
      try {
        const parsed = schema.safeParse(JSON.parse(String(message.data)));
        if (parsed.success) onEvent(parsed.data);
      } catch {
        /* not JSON: ignore */
      }
    };
    socket.onclose = () => {
      onConnectionChange?.(false);
      if (stopped) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    };
  };
  connect();
  return () => {
    stopped = true;
    socket?.close();
  };
}
