/** The fleet page's server calls, each checked against the contract. A 401 rejects with ApiRequestError. */
import { FleetEvent, FleetView } from '../../contract/fleet';
import { must, request, subscribeToEvents } from '../shared/api-client';

export const fetchFleet = (): Promise<FleetView> => must(request('GET', '/api/fleet', FleetView), 'GET /api/fleet');

export const subscribeToFleet = (
  onEvent: (event: FleetEvent) => void,
  onConnectionChange: (connected: boolean) => void,
): (() => void) => subscribeToEvents(FleetEvent, onEvent, onConnectionChange);
