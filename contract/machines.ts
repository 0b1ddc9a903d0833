/**
 * Machines of an office (kiosks, desks, displays) and their enrolment with the hub: facilities make
 * a one-time code at the hub, the machine exchanges it for its own credential, and every request it
 * makes afterwards carries `Authorization: Machine <credential>`.
 */
import { z } from 'zod';

export const MachineRole = z.enum(['kiosk', 'desk', 'display']);
export type MachineRole = z.infer<typeof MachineRole>;

/** A lower-case slug, like a kiosk id in the site config: letters, digits and hyphens, at most 60. */
export const MachineId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be lower-case letters, digits and hyphens (at most 60), e.g. "kiosk-2"');
export type MachineId = z.infer<typeof MachineId>;

/** The header scheme a machine's requests carry its credential in (staff use Bearer). */
export const machineAuthScheme = 'Machine';

/** POST /api/machines/enrol: the code is what facilities printed, spaces and hyphens allowed. */
export const EnrolRequest = z.strictObject({
  machineId: MachineId,
  code: z.string().trim().min(1, 'type the enrolment code facilities gave you').max(40),
});
export type EnrolRequest = z.infer<typeof EnrolRequest>;

/** The credential is shown once: the hub keeps only its hash. */
export const EnrolResponse = z.object({
  machineId: MachineId,
  role: MachineRole,
  credential: z.string().min(32),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** GET /api/machines/me: which machine the hub takes the caller for. */
export const MachineIdentity = z.object({ machineId: MachineId, role: MachineRole });
export type MachineIdentity = z.infer<typeof MachineIdentity>;

/** One row of GET /api/machines and `npm run fleet -- list`; times are UTC ISO 8601. */
export const MachineSummary = z.object({
  machineId: MachineId,
  role: MachineRole,
  /** When the machine exchanged its code for a credential (null: not joined yet). */
  enrolledAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** When the enrolment code waiting for this machine expires (null: none waiting). */
  codeExpiresAt: z.string().nullable(),
  /** Hub clock minus the machine's clock (x-machine-time) at its last contact that sent one, in ms. */
  clockOffsetMs: z.number().int().nullable(),
  /** The config version the machine said it runs (x-config-version) at its last contact that sent one. */
  configVersion: z.string().nullable(),
  /** The offset is beyond the site's `machines.clockOffsetWarnSeconds`: the machine's clock needs setting. */
  clockOffsetOverBound: z.boolean(),
});
export type MachineSummary = z.infer<typeof MachineSummary>;

export const MachineList = z.object({ machines: z.array(MachineSummary) });
export type MachineList = z.infer<typeof MachineList>;

export const MachineParams = z.strictObject({ id: MachineId });

/** What a machine keeps about itself (server/machines/credential-file.ts), owner-only on disk. */
export const MachineCredentialFile = z.strictObject({
  hubUrl: z.url({ protocol: /^https?$/ }),
  machineId: MachineId,
  role: MachineRole,
  credential: z.string().min(32),
});
export type MachineCredentialFile = z.infer<typeof MachineCredentialFile>;
