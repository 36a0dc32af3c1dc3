/** A reusable barrier: every party waits until all present parties arrived; a party may leave for good. */
export class Barrier {
  private _waiting: (() => void)[] = [];

  constructor(private _parties: number) {}

  arrive(): Promise<void> {
    return new Promise((resolve) => {
      this._waiting.push(resolve);
      this._release();
    });
  }

  leave(): void {
    this._parties--;
    this._release();
  }

  private _release(): void {
    if (this._waiting.length > 0 && this._waiting.length >= this._parties) {
      const all = this._waiting;
      this._waiting = [];
      for (const go of all) go();
    }
  }
}
