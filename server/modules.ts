/**
 * Every server module, in registration order. Each capability appends its own module here
 * (one import and one list entry). The queue comes first: others read its tables.
 */
import type { ServerModule } from './context.js';
import { authModule } from './auth/module.js';
import { queueModule } from './queue/module.js';
import { reportsModule } from './reports/module.js';
import { feedbackModule } from './feedback/module.js';
import { infoModule } from './info/module.js';
import { devicesModule } from './devices/module.js';
import { paymentsModule } from './payments/module.js';

export const modules: readonly ServerModule[] = [
  authModule,
  queueModule,
  reportsModule,
  feedbackModule,
  infoModule,
  devicesModule,
  paymentsModule,
];
