/** In-process publish/subscribe for everything pushed on /api/events. */
import { EventEmitter } from 'node:events';

export interface PushedEvent {
  type: string;
  at: string;
}

export class EventHub {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(event: PushedEvent): void {
    this.emitter.emit('event', event);
  }
  subscribe(listener: (event: PushedEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
