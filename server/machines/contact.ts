/**
 * What a machine says about itself on each request (contract/agent.ts): its clock and the config
 * version it runs. Either header may be missing or garbled; that is never a reason to refuse the
 * request, the value is simply not known.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { machineConfigVersionHeader, machineTimeHeader } from '../../contract/agent.js';

export interface MachineContact {
  /** Hub clock minus the machine's clock, in ms; null when the machine did not say its time. */
  clockOffsetMs: number | null;
  configVersion: string | null;
}

const MachineTime = z.iso.datetime({ offset: true });
const ConfigVersion = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

const single = (value: string | string[] | undefined): string | undefined =>
  typeof value === 'string' ? value : undefined;

export function machineContact(request: FastifyRequest, hubNow: Date): MachineContact {
  const time = MachineTime.safeParse(single(request.headers[machineTimeHeader]));
  const machineNow = time.success ? Date.parse(time.data) : Number.NaN;
  const version = ConfigVersion.safeParse(single(request.headers[machineConfigVersionHeader]));
  return {
    clockOffsetMs: Number.isFinite(machineNow) ? hubNow.getTime() - machineNow : null,
    configVersion: version.success ? version.data : null,
  };
}
