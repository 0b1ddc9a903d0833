/** In-process publish/subscribe for everything pushed on /api/events: only the contract's ServerEvent. */
import { EventEmitter } from 'node:events';
import type { ServerEvent } from '../contract/events.js';

export class EventHub {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: ServerEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
