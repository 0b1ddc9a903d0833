/** The kiosk's feedback outbox: no answer is lost when the server is away, and none is sent twice. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubmitFeedbackRequest } from '../../contract/feedback';
import { createFeedbackOutbox, retryMs } from '../../renderer/kiosk/feedback-outbox';
import { ApiRequestError } from '../../renderer/shared/api-client';

/** What the kiosk's localStorage keeps, in memory. */
class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  /** The ids of the responses still waiting, in order. */
  waiting(): string[] {
    const stored = [...this.items.values()][0];
    return stored ? (JSON.parse(stored) as SubmitFeedbackRequest[]).map((r) => r.id) : [];
  }
}

const response = (id: string): SubmitFeedbackRequest => ({
  id,
  rating: 'good',
  touchpoint: 'kiosk',
  at: '2026-11-28T10:00:00.000Z',
});

const offline = () => Promise.reject(new TypeError('Failed to fetch'));

/** A server whose answers the test decides: `answer(id)` says what each POST gets. */
function server(answer: (id: string) => Promise<unknown> = () => Promise.resolve({ accepted: true })) {
  const received: string[] = [];
  const send = vi.fn((item: SubmitFeedbackRequest) => {
    received.push(item.id);
    return answer(item.id);
  });
  return { received, send };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('feedback outbox', () => {
  it('keeps a response given while the server is unreachable and sends it when the server is back', async () => {
    const storage = new MemoryStorage();
    let online = false;
    const hub = server(() => (online ? Promise.resolve({}) : offline()));
    const outbox = createFeedbackOutbox({ storage, send: hub.send });

    outbox.submit(response('a'));
    await outbox.flush();
    expect(storage.waiting()).toEqual(['a']);

    online = true;
    await vi.advanceTimersByTimeAsync(retryMs);
    expect(hub.received).toEqual(['a', 'a']);
    expect(storage.waiting()).toEqual([]);
  });

  it('sends what was waiting before the kiosk restarted, oldest first', async () => {
    const storage = new MemoryStorage();
    const before = createFeedbackOutbox({ storage, send: offline });
    before.submit(response('first'));
    before.submit(response('second'));
    await before.flush();
    expect(storage.waiting()).toEqual(['first', 'second']);

    const hub = server();
    await createFeedbackOutbox({ storage, send: hub.send }).flush();
    expect(hub.received).toEqual(['first', 'second']);
    expect(storage.waiting()).toEqual([]);
  });

  it.each([
    [400, 'invalid-input'],
    [409, 'id-reused'],
    [422, 'unprocessable'],
  ])('drops a response the server refuses for good (%i), so the ones behind it still arrive', async (status, code) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const storage = new MemoryStorage();
    const before = createFeedbackOutbox({ storage, send: offline });
    before.submit(response('bad'));
    before.submit(response('good'));
    await before.flush();

    const hub = server((id) =>
      id === 'bad' ? Promise.reject(new ApiRequestError(status, code, 'rating is not valid')) : Promise.resolve({}),
    );
    await createFeedbackOutbox({ storage, send: hub.send }).flush();
    expect(hub.received).toEqual(['bad', 'good']);
    expect(storage.waiting()).toEqual([]);
  });

  // The same answers the server's outboxes retry: busy, down, or a wrong address that every item would get.
  it.each([
    [429, 'too-many'],
    [408, 'timeout'],
    [503, 'unavailable'],
    [0, 'timeout'],
    [404, 'not-found'],
    [401, 'unauthorised'],
    [405, 'method-not-allowed'],
    [425, 'too-early'],
  ])('keeps every response, in order, while the server answers %i', async (status, code) => {
    const storage = new MemoryStorage();
    const hub = server(() => Promise.reject(new ApiRequestError(status, code, 'not now')));
    const outbox = createFeedbackOutbox({ storage, send: hub.send });
    outbox.submit(response('a'));
    await outbox.flush();
    outbox.submit(response('b'));
    await outbox.flush();
    expect(storage.waiting()).toEqual(['a', 'b']);
    // The first one is retried; the second waits behind it rather than overtaking.
    expect(new Set(hub.received)).toEqual(new Set(['a']));
  });

  it('stores a response submitted twice (same id) once', async () => {
    const storage = new MemoryStorage();
    const outbox = createFeedbackOutbox({ storage, send: offline });
    outbox.submit(response('a'));
    outbox.submit(response('a'));
    await outbox.flush();
    expect(storage.waiting()).toEqual(['a']);
  });

  it('sends each of two quick responses exactly once', async () => {
    const storage = new MemoryStorage();
    let release: () => void = () => undefined;
    const slowFirst = new Promise<void>((resolve) => (release = resolve));
    const hub = server((id) => (id === 'a' ? slowFirst : Promise.resolve()));
    const outbox = createFeedbackOutbox({ storage, send: hub.send });

    outbox.submit(response('a'));
    outbox.submit(response('b'));
    release();
    await outbox.flush();
    await vi.advanceTimersByTimeAsync(retryMs);
    expect(hub.received.sort()).toEqual(['a', 'b']);
    expect(storage.waiting()).toEqual([]);
  });

  it('still takes new feedback when what was stored cannot be read', async () => {
    const storage = new MemoryStorage();
    storage.setItem('kiosk.feedback.outbox', '{not json');
    const hub = server();
    const outbox = createFeedbackOutbox({ storage, send: hub.send });
    outbox.submit(response('a'));
    await outbox.flush();
    expect(hub.received).toEqual(['a']);
  });
});
