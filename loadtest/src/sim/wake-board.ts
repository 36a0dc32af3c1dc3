/**
 * Where idle simulated counters wait for work. The driver issues every ticket
 * itself, so when one enters a queue it wakes one idle counter that serves
 * that service (as staff react to the waiting count on their screen), and no
 * counter has to poll the engine.
 */
interface Waiter {
  services: Set<string>;
  wake: () => void;
}

export class WakeBoard {
  private readonly waiters = new Set<Waiter>();

  /** Resolves when a ticket for one of `services` arrives, or after `maxMs`. */
  wait(services: Set<string>, maxMs: number): Promise<void> {
    return new Promise((resolve) => {
      const w: Waiter = {
        services,
        wake: () => {
          clearTimeout(t);
          this.waiters.delete(w);
          resolve();
        },
      };
      const t = setTimeout(w.wake, maxMs);
      this.waiters.add(w);
    });
  }

  /** A ticket for `serviceId` entered a queue: wake one counter that serves it. */
  arrived(serviceId: string): void {
    for (const w of this.waiters) {
      if (w.services.has(serviceId)) {
        w.wake();
        return;
      }
    }
  }

  wakeAll(): void {
    for (const w of [...this.waiters]) w.wake();
  }
}
