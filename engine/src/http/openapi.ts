/**
 * The OpenAPI 3.1 description of API v1, served at /api/docs. The value lists and the
 * ticket actions come from protocol/: a list is written once.
 */
import {
  CHANNEL,
  COMMENT_STATE,
  COUNTER_STATUS,
  PRIORITY,
  PRIORITY_REASON,
  SIMPLE_TICKET_ACTIONS,
  TICKET_ACTIONS,
  TICKET_STATE,
  TRANSFER_POSITION,
} from '../protocol/index.js';
import { adminPaths, moveStrandedTo } from './openapi-admin.js';
import { bookingPaths } from './openapi-booking.js';

const err = { $ref: '#/components/responses/Error' };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const sec = [{ bearer: [] }];
const site = { name: 'site', in: 'path', required: true, schema: { type: 'string' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const counter = { name: 'counter', in: 'path', required: true, schema: { type: 'string' } };
const json = (props: Record<string, unknown>, required: string[] = []) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', properties: props, required } } },
});

const values = (o: Record<string, string>) => ({ enum: Object.values(o) });
const moves = (a: keyof typeof TICKET_ACTIONS) => `${TICKET_ACTIONS[a].from.join('|')} -> ${TICKET_ACTIONS[a].to.join('|')}`;
const transition = '{ticket, seq}: seq is the event it wrote; a live client drops events with seq <= it';

const actionPaths = Object.fromEntries(
  SIMPLE_TICKET_ACTIONS.map((a) => [
    `/api/v1/sites/{site}/tickets/{id}/${a}`,
    { post: { summary: `${a}: ${moves(a)} (409 INVALID_TRANSITION from any other state)`, security: sec, parameters: [site, id], responses: { 200: ok(transition), 401: err, 403: err, 404: err, 409: err } } },
  ]),
);

export const openApi = {
  openapi: '3.1.0',
  info: {
    title: 'Loket API',
    version: '1.0.0',
    description:
      'Queue engine of a public-service mall. Errors: `{ error: { code, message, details? } }`. ' +
      'call-next on a counter that still holds a called or serving ticket is `409 COUNTER_BUSY`; on a counter that is not open `409 COUNTER_NOT_OPEN`. ' +
      'Outside opening hours issuing is `409 SITE_CLOSED`; a used-up daily quota `409 QUOTA_EXHAUSTED`; an Idempotency-Key reused with another body `409 IDEMPOTENCY_KEY_REUSED`.',
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    responses: {
      Error: {
        description: 'Error',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] } },
            },
          },
        },
      },
    },
  },
  paths: {
    '/healthz': { get: { summary: 'Process is up', responses: { 200: ok('{ok:true}') } } },
    '/readyz': { get: { summary: 'Redis reachable', responses: { 200: ok('{ok:true}'), 503: err } } },
    '/api/v1/auth/login': {
      post: { summary: 'Log in', requestBody: json({ username: { type: 'string' }, password: { type: 'string' } }, ['username', 'password']), responses: { 200: ok('{token, user}'), 400: err, 401: err, 429: err } },
    },
    '/api/v1/auth/logout': { post: { summary: 'Revoke the session token', security: sec, responses: { 204: { description: 'Logged out' } } } },
    '/api/v1/auth/me': { get: { summary: 'The user of a token', security: sec, responses: { 200: ok('{user}'), 401: err } } },
    '/api/v1/sites': { get: { summary: 'Sites served', responses: { 200: ok('{sites}') } } },
    '/api/v1/sites/{site}/info': { get: { summary: 'Agencies, services, counters, displays', parameters: [site], responses: { 200: ok('SiteInfo'), 404: err } } },
    '/api/v1/sites/{site}/tickets': {
      post: {
        summary: 'Issue a ticket (kiosk, staff, supervisor, admin)',
        security: sec,
        parameters: [site, { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
        requestBody: json(
          {
            serviceId: { type: 'string' },
            priority: values(PRIORITY),
            priorityReason: values(PRIORITY_REASON),
            channel: values(CHANNEL),
            route: { type: 'array', items: { type: 'string' } },
          },
          ['serviceId'],
        ),
        responses: { 201: ok('{ticket, seq}'), 200: ok('{ticket} (same Idempotency-Key again)'), 400: err, 401: err, 403: err, 404: err, 409: err, 413: err },
      },
      get: {
        summary: 'List tickets of the day (staff: own agencies)',
        security: sec,
        parameters: [
          site,
          { name: 'state', in: 'query', schema: values(TICKET_STATE) },
          { name: 'serviceId', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 500 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
        ],
        responses: { 200: ok('{tickets, nextCursor?}'), 400: err, 401: err, 403: err },
      },
    },
    '/api/v1/public/tickets/{token}': { get: { summary: 'A citizen’s ticket status', parameters: [{ ...id, name: 'token' }], responses: { 200: ok('PublicTicketStatus'), 404: err } } },
    '/api/v1/public/tickets/{token}/feedback': {
      post: { summary: 'IKM survey answers U1..U9 (1-4), once, after done', parameters: [{ ...id, name: 'token' }], requestBody: json({ answers: { type: 'object' }, comment: { type: 'string' } }, ['answers']), responses: { 201: ok('{ok}'), 400: err, 404: err, 409: err } },
    },
    '/api/v1/sites/{site}/counters': { get: { summary: 'Counters with status, tiers, current ticket', security: sec, parameters: [site], responses: { 200: ok('{counters}') } } },
    '/api/v1/sites/{site}/counters/{counter}': {
      patch: {
        summary: 'Open, pause, close (staff: own counter) or change service tiers (supervisor); an admin’s name/agencyId edit the definition (moveStrandedTo: see PUT .../config)',
        security: sec,
        parameters: [site, counter, moveStrandedTo],
        requestBody: json({ status: values(COUNTER_STATUS), services: { type: 'array', items: { type: 'array', items: { type: 'string' } } } }),
        responses: { 200: ok('{counter, seq}'), 400: err, 403: err, 404: err },
      },
    },
    '/api/v1/sites/{site}/counters/{counter}/call-next': {
      post: {
        summary: 'Call the next ticket ({ticket:null} when none waits; 409 COUNTER_BUSY while holding one). With {finishCurrent:true} it first finishes the serving ticket, atomically: {finished, ticket}',
        security: sec,
        parameters: [site, counter],
        requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { finishCurrent: { type: 'boolean' } } } } } },
        responses: { 200: ok('{ticket, seq} or {finished, ticket, seq}; seq absent when nothing was written'), 403: err, 404: err, 409: err },
      },
    },
    '/api/v1/sites/{site}/counters/{counter}/call-ticket': {
      post: { summary: `Call a chosen waiting ticket: ${moves('call')}`, security: sec, parameters: [site, counter], requestBody: json({ ticketId: { type: 'string' } }, ['ticketId']), responses: { 200: ok(transition), 403: err, 404: err, 409: err } },
    },
    ...actionPaths,
    '/api/v1/sites/{site}/tickets/{id}/transfer': {
      post: { summary: `transfer to another service: ${moves('transfer')}`, security: sec, parameters: [site, id], requestBody: json({ serviceId: { type: 'string' }, position: values(TRANSFER_POSITION) }, ['serviceId']), responses: { 200: ok(transition), 403: err, 404: err, 409: err } },
    },
    '/api/v1/sites/{site}/stats': { get: { summary: 'Live figures per service and agency', security: sec, parameters: [site], responses: { 200: ok('StatsResponse') } } },
    '/api/v1/sites/{site}/ikm': { get: { summary: 'IKM (Permenpan RB 14/2017)', security: sec, parameters: [site], responses: { 200: ok('IkmResponse') } } },
    '/api/v1/sites/{site}/reports/daily': {
      get: {
        summary: 'Daily report per service, hour, counter, agency and staff account (?date= or ?from=&to=, at most 31 days); Accept: text/csv gives the service rows',
        security: sec,
        parameters: [site, ...['date', 'from', 'to'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string', format: 'date' } }))],
        responses: { 200: ok('DailyReport'), 400: err },
      },
    },
    '/api/v1/sites/{site}/staffing': { get: { summary: 'Staffing advisor (Erlang C): counters needed and serving, SLA forecast, moves, warnings within the hour', security: sec, parameters: [site], responses: { 200: ok('StaffingResponse') } } },
    '/api/v1/sites/{site}/ikm/report': {
      get: {
        summary: 'IKM per service and agency, element table, minimum sample (Krejcie-Morgan), comments with their state',
        security: sec,
        parameters: [site, ...['from', 'to'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string', format: 'date' } }))],
        responses: { 200: ok('IkmReport'), 400: err },
      },
    },
    '/api/v1/sites/{site}/ikm/comments/{ticketId}': {
      patch: {
        summary: 'Work an IKM comment through: open, in_progress, done (with a note)',
        security: sec,
        parameters: [site, { ...id, name: 'ticketId' }],
        requestBody: json({ state: values(COMMENT_STATE), note: { type: 'string' } }, ['state']),
        responses: { 200: ok('{comment}'), 400: err, 403: err, 404: err },
      },
    },
    ...bookingPaths,
    ...adminPaths,
  },
} as const;
