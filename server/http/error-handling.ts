/**
 * One error shape for the whole API: `{ error: { code, message, field? } }`.
 * JSON bodies are parsed here (not by fastify's default parser) so malformed JSON gets a sentence
 * that says so, and an empty body counts as no body.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { HttpError } from './errors.js';

export function parseJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'it could not be read';
      done(new HttpError(400, 'malformed-json', `The request body is not valid JSON: ${reason}.`), undefined);
    }
  });
}

export function handleErrors(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply
        .status(error.status)
        .send({ error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } });
    }
    // Another process held the SQLite write lock past busy_timeout: nothing was written; retrying is safe.
    if ('code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')) {
      logger.warn({ url: request.url }, 'database busy');
      return reply
        .status(503)
        .header('retry-after', '1')
        .send({ error: { code: 'busy', message: 'The office database is busy; nothing was changed. Try again.' } });
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 413)
      return reply.status(413).send({ error: { code: 'too-large', message: 'The request body is too large.' } });
    if (status === 415) {
      return reply.status(415).send({
        error: {
          code: 'unsupported-media-type',
          message: 'Send the request body as JSON (Content-Type: application/json).',
        },
      });
    }
    if (status >= 400 && status < 500)
      return reply.status(status).send({ error: { code: 'bad-request', message: error.message } });
    logger.error({ err: error, url: request.url, method: request.method }, 'request failed');
    return reply
      .status(500)
      .send({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    if (path.startsWith('/api/') || path === '/api') {
      return reply
        .status(404)
        .send({ error: { code: 'not-found', message: `There is no ${request.method} ${path} in this API.` } });
    }
    return reply.status(404).type('text/plain; charset=utf-8').send(`Not found: ${path}`);
  });
}
