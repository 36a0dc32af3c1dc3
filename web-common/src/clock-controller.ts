/** Re-renders its host once a second while it is on the page, so clocks and running timers stay current. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  /** Milliseconds since the epoch, by `source` (the browser's clock, or the engine's: `serverNow`). */
  now: number;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: () => number = Date.now,
  ) {
    this.now = source();
    host.addController(this);
  }

  hostConnected(): void {
    this.now = this.source();
    this.timer = setInterval(() => {
      this.now = this.source();
      this.host.requestUpdate();
    }, 1000);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
