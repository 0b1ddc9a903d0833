/** The screens' one way to the server: what staff and residents see when a call goes wrong. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiRequestError, must, request, setAuthToken } from '../../renderer/shared/api-client';

const Answer = z.object({ number: z.string() });

function serverAnswers(status: number, body?: unknown) {
  const fetch = vi.fn((_path: string, _init?: RequestInit) =>
    Promise.resolve(
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
    ),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  setAuthToken(null);
});

describe('request', () => {
  it('returns the answer checked against the contract, sending the staff token', async () => {
    const fetch = serverAnswers(200, { number: 'H014' });
    setAuthToken('secret');
    await expect(request('POST', '/api/tickets', Answer, { service: 'housing' })).resolves.toEqual({ number: 'H014' });
    const init = fetch.mock.calls[0]?.[1];
    expect(init?.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer secret' });
    expect(init?.body).toBe('{"service":"housing"}');
  });

  it("passes the server's own words on when it refuses", async () => {
    serverAnswers(409, { error: { code: 'not-waiting', message: 'Ticket H014 is not waiting', field: 'ticket' } });
    const refused = request('POST', '/api/tickets/t1/recall', Answer);
    await expect(refused).rejects.toBeInstanceOf(ApiRequestError);
    await expect(refused).rejects.toMatchObject({
      status: 409,
      code: 'not-waiting',
      message: 'Ticket H014 is not waiting',
      field: 'ticket',
    });
  });

  it('says which status came back when the refusal is not in the contract', async () => {
    serverAnswers(502, '<html>Bad gateway</html>');
    await expect(request('GET', '/api/services', Answer)).rejects.toMatchObject({
      status: 502,
      code: 'http-error',
    });
  });

  it('rejects an answer that does not match the contract', async () => {
    serverAnswers(200, { number: 14 });
    await expect(request('GET', '/api/tickets/t1', Answer)).rejects.toThrow();
  });

  it('gives up with "timeout" when the server does not answer in time', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      (_path: string, init?: RequestInit) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    const waiting = request('GET', '/api/services', Answer, undefined, { timeoutMs: 15_000 });
    const outcome = expect(waiting).rejects.toMatchObject({ status: 0, code: 'timeout' });
    await vi.advanceTimersByTimeAsync(15_000);
    await outcome;
  });

  it('answers null for "no content" (nobody waiting), and must() turns that into an error', async () => {
    serverAnswers(204);
    await expect(request('POST', '/api/desks/desk-1/call-next', Answer, {})).resolves.toBeNull();
    serverAnswers(204);
    await expect(must(request('GET', '/api/services', Answer), 'services')).rejects.toThrow(
      'services: the server sent no content',
    );
  });
});
