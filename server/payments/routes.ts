/** HTTP routes of the payments capability (docs/payments.md "API"). */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import {
  PaymentListQuery,
  ResolvePaymentRequest,
  StartPaymentRequest,
  ValidateReferenceRequest,
  type PaymentTypesResponse,
} from '../../contract/payments.js';
import { staffOf } from '../auth/require-staff.js';
import type { ServerContext } from '../context.js';
import { HttpError, parseInput } from '../http/errors.js';
import { machineCredential, machineOf } from '../machines/require-machine.js';
import type { PaymentsService } from './service.js';

const IdParams = z.strictObject({ id: z.uuid('a payment id is a UUID') });
const KioskQuery = z.strictObject({ kiosk: z.string().min(1, 'say which kiosk: ?kiosk=<id>') });
const DateQuery = z.strictObject({ date: z.iso.date('a date is YYYY-MM-DD') });
const ReportQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  kiosk: z.string().optional(),
  type: z.string().optional(),
});
const ReconcileRequest = z.strictObject({ kiosk: z.string().min(1) });
const ReceiptParams = z.strictObject({
  receiptNumber: z.string().regex(/^[a-z0-9-]{1,60}-\d{6}$/, 'a receipt number looks like "kiosk-1-000042"'),
});
const JournalQuery = z.strictObject({
  kiosk: z.string().optional(),
  state: z
    .enum(['pending', 'authorising', 'approved', 'declined', 'cancelled', 'unknown', 'receipt-printed'])
    .optional(),
});

const isLoopback = (ip: string) => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

/** Compared as digests of equal length, in constant time: how long the check takes says nothing of the token. */
const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/**
 * `kioskMachine`: the machines module's guard for enrolled kiosks; when given, ingest also takes a
 * kiosk's machine credential instead of the shared ingest token.
 */
export function registerPaymentRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  service: PaymentsService,
  kioskMachine?: preHandlerHookHandler,
): void {
  const staff = { preHandler: ctx.requireStaff };
  // The journal and the log record the signed-in user; a staff route reached without one is refused,
  // never recorded under a made-up name.
  const who = (request: FastifyRequest): string => {
    const username = staffOf(request)?.username;
    if (!username) throw new HttpError(401, 'sign-in-required', 'Sign in first: this is recorded under your name.');
    return username;
  };

  // ── Kiosk (public: the kiosk has no staff token; payment ids are unguessable UUIDs) ──
  app.get('/api/payments/types', async (request): Promise<PaymentTypesResponse> => {
    const { kiosk } = parseInput(KioskQuery, request.query, 'query');
    const health = ctx.devices.forKiosk(kiosk).cardTerminal?.state().health;
    return {
      councilName: ctx.config.site.councilName,
      terminalAvailable: health === 'ok' || health === 'warning',
      types: service.typesFor(kiosk).map((t) => ({
        id: t.id,
        name: t.name,
        reference: t.reference,
        minPence: t.minPence,
        maxPence: t.maxPence,
        amount: t.amount,
      })),
    };
  });

  app.post('/api/payments/validate-reference', async (request) => {
    const body = parseInput(ValidateReferenceRequest, request.body);
    return service.validateReference(body.type, body.reference);
  });

  app.post('/api/payments', async (request, reply) => {
    const body = parseInput(StartPaymentRequest, request.body);
    const { row, created } = service.start(body);
    return reply.status(created ? 201 : 200).send(service.runner.view(row));
  });

  app.get('/api/payments/:id', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const row = service.journal.get(id);
    if (!row) throw new HttpError(404, 'not-found', `No payment with id "${id}".`);
    return service.runner.view(row);
  });

  app.post('/api/payments/:id/cancel', async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const row = await service.runner.cancel(id);
    return service.runner.view(row);
  });

  // ── Office: journal rows from kiosks' outboxes ──
  // Either an enrolled kiosk (Authorization: Machine …), for its own payments only, or the shared
  // ingest token (Authorization: Bearer …), or, with no token set, this machine itself.
  const ingestCaller: preHandlerHookHandler = function (request, reply, done) {
    if (kioskMachine && machineCredential(request) !== null) return kioskMachine.call(this, request, reply, done);
    const expected = ctx.config.payments?.ingestToken;
    const header = request.headers.authorization ?? '';
    if (expected ? !sameSecret(header, `Bearer ${expected}`) : !isLoopback(request.ip))
      return done(
        new HttpError(
          401,
          'ingest-not-allowed',
          expected
            ? `Wrong or missing ingest token${kioskMachine ? " (or send an enrolled kiosk's machine credential)" : ''}.`
            : 'Set payments.ingestToken to accept payments from other machines.',
        ),
      );
    done();
  };

  app.post('/api/payments/ingest', { preHandler: ingestCaller }, async (request) =>
    service.ingest(request.body, machineOf(request)?.machineId),
  );

  // ── Staff ──
  app.get('/api/payments', staff, async (request) => {
    const query = parseInput(PaymentListQuery, request.query, 'query');
    return service.ledger.list(query);
  });

  app.get('/api/payments/report', staff, async (request) => {
    const query = parseInput(ReportQuery, request.query, 'query');
    if (query.from > query.to) throw new HttpError(400, 'invalid-input', '"from" is after "to".', 'from');
    return service.ledger.report(query.from, query.to, { kiosk: query.kiosk, type: query.type });
  });

  app.get('/api/payments/export', staff, async (request, reply) => {
    const { date } = parseInput(DateQuery, request.query, 'query');
    const result = service.exportDay(date);
    ctx.logger.info(
      { date, count: result.count, totalPence: result.totalPence, by: who(request) },
      'payments export made',
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="payments-${date}.csv"`)
      .send(result.csv);
  });

  /** The same export for screens (the api-client speaks JSON): the file name and its exact text. */
  app.get('/api/payments/export.json', staff, async (request) => {
    const { date } = parseInput(DateQuery, request.query, 'query');
    const result = service.exportDay(date);
    ctx.logger.info(
      { date, count: result.count, totalPence: result.totalPence, by: who(request) },
      'payments export made',
    );
    return { filename: `payments-${date}.csv`, csv: result.csv, count: result.count, totalPence: result.totalPence };
  });

  app.get('/api/payments/journal', staff, async (request) => {
    const query = parseInput(JournalQuery, request.query, 'query');
    return service.journal.latest(query).map((row) => service.runner.view(row));
  });

  app.post('/api/payments/:id/resolve', staff, async (request) => {
    const { id } = parseInput(IdParams, request.params, 'path');
    const body = parseInput(ResolvePaymentRequest, request.body);
    const row = service.resolve(id, body, who(request));
    ctx.logger.info({ payment: id, outcome: body.outcome, by: who(request) }, 'unknown payment settled by staff');
    return service.runner.view(row);
  });

  app.post('/api/payments/receipts/:receiptNumber/reprint', staff, async (request) => {
    const { receiptNumber } = parseInput(ReceiptParams, request.params, 'path');
    return service.reprint(receiptNumber, who(request));
  });

  app.post('/api/payments/reconcile', staff, async (request) => {
    const { kiosk } = parseInput(ReconcileRequest, request.body);
    return service.reconcile(kiosk);
  });

  app.get('/api/payments/reconciliations', staff, async (request) => {
    const query = parseInput(z.strictObject({ kiosk: z.string().optional() }), request.query, 'query');
    return service.reconciler.list(query.kiosk);
  });

  app.get('/api/payments/outbox', staff, async () => service.outbox.status());
}
