/** A stand-in for a Lit element hosting reactive controllers: it connects them and counts updates. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class TestHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);

  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }

  removeController(c: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(c), 1);
  }

  requestUpdate(): void {
    this.updates++;
  }

  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }

  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

/** Polls until `pred` holds, or fails saying `what`. */
export async function until(pred: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`never: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
