/**
 * Baseline: a no-op express 5 route with the same body parsing as the engine
 * (`express.json()`), the floor of HTTP overhead on this machine. Prints its
 * port as `PORT <n>` on stdout.
 */
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.use(express.json({ limit: '16kb' }));
app.post('/noop', (_req, res) => {
  res.json({ ok: true });
});
const server = app.listen(0, '127.0.0.1', () => {
  const a = server.address();
  console.log(`PORT ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
