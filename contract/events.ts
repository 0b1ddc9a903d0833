/**
 * Everything the server pushes on the WebSocket at /api/events, one JSON message per event. The
 * server's event hub publishes only these; each screen parses the part it listens to (QueueEvent,
 * PaymentEvent, DeviceEvent, FeedbackEvent, FleetEvent) and ignores the rest.
 */
import { z } from 'zod';
import { DeviceEvent } from './devices.js';
import { FeedbackEvent } from './feedback.js';
import { FleetEvent } from './fleet.js';
import { PaymentEvent } from './payments.js';
import { QueueEvent } from './queue.js';

export const ServerEvent = z.discriminatedUnion('type', [
  QueueEvent,
  PaymentEvent,
  DeviceEvent,
  FeedbackEvent,
  FleetEvent,
]);
export type ServerEvent = z.infer<typeof ServerEvent>;
