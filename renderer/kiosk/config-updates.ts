/**
 * A kiosk agent holds a newer site config from the hub until its screen says no resident is
 * mid-journey. The attract screen is that moment: while it shows, the screen looks every 30 s,
 * asks the agent to run the new config, and reloads itself once the agent runs it.
 */
import { useEffect } from 'react';
import type { AgentStatus } from '../../contract/agent';
import { applyAgentConfig, fetchAgentStatus } from './api';

export type ConfigUpdateStep = 'stop' | 'wait' | 'apply' | 'reload';

const checkEveryMs = 30_000;
const followEveryMs = 1_000;

/**
 * What to do with the agent's answer: `undefined` is no answer (try later), `null` a screen served by
 * a hub (nothing to do), `applying` whether this screen already asked.
 */
export function nextConfigStep(status: AgentStatus | null | undefined, applying: boolean): ConfigUpdateStep {
  if (status === null) return 'stop';
  if (status === undefined) return 'wait';
  if (applying) return status.pendingConfigVersion === null ? 'reload' : 'wait';
  return status.pendingConfigVersion === null ? 'wait' : 'apply';
}

const reloadPage = () => location.reload();

/** Used by the attract screen only. */
export function useConfigUpdatesWhileIdle(reload: () => void = reloadPage): void {
  useEffect(() => {
    let stopped = false;
    let applying = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      const status = await fetchAgentStatus().catch(() => undefined);
      if (stopped) return;
      const step = nextConfigStep(status, applying);
      if (step === 'stop') return;
      if (step === 'reload') return reload();
      if (step === 'apply') applying = (await applyAgentConfig().catch(() => null))?.applying ?? false;
      if (!stopped) timer = setTimeout(() => void check(), applying ? followEveryMs : checkEveryMs);
    };
    void check();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reload]);
}
