/** When the kiosk screen takes a newer config from its agent: only from the attract screen, then it reloads. */
import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../contract/agent';
import { nextConfigStep } from '../../renderer/kiosk/config-updates';

const status = (pendingConfigVersion: string | null): AgentStatus => ({
  kioskId: 'kiosk-a',
  hub: 'online',
  hubUrl: 'http://hub:8080',
  clockOffsetMs: 0,
  lastContactAt: '2026-12-01T09:00:00.000Z',
  configVersion: '1111222233334444',
  pendingConfigVersion,
  offlineTicketsWaiting: 0,
});

describe('config updates on the attract screen', () => {
  it('asks the agent to run a newer config it holds', () => {
    expect(nextConfigStep(status('5555666677778888'), false)).toBe('apply');
  });

  it('keeps looking while there is none, or while the agent cannot be asked', () => {
    expect(nextConfigStep(status(null), false)).toBe('wait');
    expect(nextConfigStep(undefined, false)).toBe('wait');
    expect(nextConfigStep(undefined, true)).toBe('wait');
  });

  it('reloads the screen once the agent runs the new config, not before', () => {
    expect(nextConfigStep(status('5555666677778888'), true)).toBe('wait');
    expect(nextConfigStep(status(null), true)).toBe('reload');
  });

  it('stops on a screen served by a hub, which has no agent', () => {
    expect(nextConfigStep(null, false)).toBe('stop');
  });
});
