/** Re-renders its host every second while connected, for running timers in the engine's time. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { serverNow } from './server-clock.js';

export class ClockController implements ReactiveController {
  /** The engine's time now (see server-clock.ts). */
  now = serverNow();
  private _timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this._timer = setInterval(() => {
      this.now = serverNow();
      this.host.requestUpdate();
    }, 1000);
  }

  hostDisconnected(): void {
    clearInterval(this._timer);
    this._timer = undefined;
  }
}
