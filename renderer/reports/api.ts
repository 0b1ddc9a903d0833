/** The reports page's server calls, each checked against the contract. A 401 rejects with ApiRequestError. */
import { z } from 'zod';
import { Service, WaitStandardReport } from '../../contract/queue';
import { FeedbackReport } from '../../contract/feedback';
import { InfoViewsReport } from '../../contract/info';
import { request } from '../shared/api-client';
import type { Period } from './period';

const periodQuery = ({ from, to }: Period) => new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });

export const fetchServices = async (): Promise<Service[]> =>
  (await request('GET', '/api/services', z.array(Service))) ?? [];

export const fetchWaitStandard = (period: Period): Promise<WaitStandardReport | null> =>
  request('GET', `/api/reports/wait-standard?${periodQuery(period)}`, WaitStandardReport);

export const fetchFeedbackReport = (period: Period): Promise<FeedbackReport | null> =>
  request('GET', `/api/reports/feedback?${periodQuery(period)}`, FeedbackReport);

export const fetchInfoViews = (period: Period): Promise<InfoViewsReport | null> =>
  request('GET', `/api/reports/info-views?${periodQuery(period)}`, InfoViewsReport);
