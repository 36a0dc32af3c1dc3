/** Waits for a Socket.IO acknowledgement, or rejects after `ms` (the server may never answer). */
export function ackWithin<T>(ms: number, send: (ack: (value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    send((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
