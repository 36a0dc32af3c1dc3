/** The live connection every web client uses: `LiveController` and the rules it is built from. */
export { LiveController, type ConnectionState, type LiveOptions } from './live-controller.js';
export { EventSequencer } from './event-sequencer.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export { FINAL_REFUSALS, isTransientRefusal, judgeRefusal, refusalCode, type RefusalVerdict } from './refusal.js';
