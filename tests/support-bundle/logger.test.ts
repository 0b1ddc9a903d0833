/** The logger of the hub and kiosk agent: JSON lines in <data>/logs, secrets masked, files rolled and pruned. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, logRotationFromEnv } from '../../server/logging/logger.js';
import { maskedCard, maskedSecret } from '../../server/logging/mask.js';

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'logger-test-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const readLines = (folder: string) =>
  readdirSync(folder)
    .sort()
    .flatMap((name) => readFileSync(join(folder, name), 'utf8').split('\n'))
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('createLogger', () => {
  it('writes JSON lines with ISO times to <data>/logs/<name>.<date>.<n>.log', async () => {
    const data = dataDir();
    const { logger, folder, close } = await createLogger({ dataDir: data, name: 'hub' });
    logger.info({ kiosk: 'kiosk-1' }, 'hub started');
    await close();
    expect(folder).toBe(join(data, 'logs'));
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^hub\.\d{4}-\d{2}-\d{2}\.1\.log$/)]);
    const [line] = readLines(folder);
    expect(line).toMatchObject({ app: 'hub', kiosk: 'kiosk-1', msg: 'hub started', level: 30 });
    expect(line?.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('never writes a card number, PIN, password, token, credential or enrolment code', async () => {
    const data = dataDir();
    const { logger, folder, close } = await createLogger({ dataDir: data, name: 'kiosk-agent' });
    logger.info(
      {
        req: { headers: { authorization: 'Bearer staff-token-abcdefghijklmnopqrstuvwxyz' } },
        body: { machineId: 'kiosk-1', code: '7KQ3M-XR9TD' },
        payment: { pan: '4111 1111 1111 1111', pin: '1234', amountPence: 1250 },
        config: { payments: { office: { url: 'http://hub', token: 'office-token-0123456789' } } },
      },
      'resident paid with 4111111111111111',
    );
    logger.error({ err: new Error('terminal refused password=246810') }, 'card terminal failed');
    await close();
    const text = readdirSync(folder)
      .map((name) => readFileSync(join(folder, name), 'utf8'))
      .join('');
    for (const secret of [
      '4111 1111 1111 1111',
      '4111111111111111',
      'staff-token-abcdefghijklmnopqrstuvwxyz',
      '7KQ3M-XR9TD',
      '"1234"',
      'office-token-0123456789',
      '246810',
    ])
      expect(text).not.toContain(secret);
    const [paid, failed] = readLines(folder);
    expect(paid).toMatchObject({
      msg: `resident paid with ${maskedCard}`,
      body: { machineId: 'kiosk-1', code: maskedSecret },
      payment: { pan: maskedCard, pin: maskedSecret, amountPence: 1250 },
    });
    expect(failed).toMatchObject({ level: 50, msg: 'card terminal failed' });
  });

  it('starts a new file at the size limit and keeps only the newest files', async () => {
    const data = dataDir();
    const { logger, folder, close } = await createLogger({
      dataDir: data,
      name: 'hub',
      rotation: { maxSize: '1k', keep: 2 },
    });
    for (let line = 0; line < 60; line += 1) {
      logger.info({ line, padding: 'x'.repeat(100) }, 'filling the file');
      // The roll happens once the write is done; give it its turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Old files are removed in the background after a roll: wait for that effect, not for a time.
    await vi.waitFor(() => expect(readdirSync(folder).length).toBeLessThanOrEqual(3));
    await close();
    const files = readdirSync(folder);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const numbers = files.map((name) => Number(/\.(\d+)\.log$/.exec(name)?.[1]));
    expect(Math.max(...numbers)).toBeGreaterThan(3);
    const lines = readLines(folder).map((entry) => entry.line);
    expect(lines).toContain(59);
    expect(lines).not.toContain(0);
  });

  it('takes other limits from LOG_MAX_SIZE and LOG_KEEP_FILES, ignoring values that make no sense', () => {
    expect(logRotationFromEnv({ LOG_MAX_SIZE: '50m', LOG_KEEP_FILES: '30' })).toEqual({ maxSize: '50m', keep: 30 });
    expect(logRotationFromEnv({ LOG_MAX_SIZE: 'big', LOG_KEEP_FILES: '-1' })).toEqual({});
  });
});
