/** OpenAPI paths of the administration API (design.md "API contract v2", Administration), spread into openapi.ts. */
const err = { $ref: '#/components/responses/Error' };
const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const sec = [{ bearer: [] }];
const path = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const site = path('site');
const body = (properties: Record<string, unknown>, required: string[] = []) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', properties, required } } },
});
const hhmm = { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
export const moveStrandedTo = {
  name: 'moveStrandedTo',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description:
    'A service of the same agency that takes the waiting tickets the change would strand (of a removed service, or of one no counter would serve any more). ' +
    'They keep their numbers and arrival rank; one ticket.transferred event per ticket; moved in the same atomic step as the change, with an audit entry each (ticket.move-stranded). ' +
    'Stranded services of other agencies, and tickets a removed counter holds, still refuse the change (409 STRANDS_TICKETS).',
};
const live = 'Applied live on every node (site.updated) and audited in the same atomic step. 400 VALIDATION_FAILED names each bad field in details[{path, message}]';
const displayProps = {
  id: { type: 'string' },
  name: { type: 'string' },
  agencies: { oneOf: [{ const: 'all' }, { type: 'array', items: { type: 'string' } }] },
  runningText: { type: 'string', maxLength: 500, description: 'The line scrolling at the bottom of the screen; empty or absent: the default welcome' },
};

export const adminPaths = {
  '/api/v1/sites/{site}/config': {
    get: { summary: 'The live site definition in the site file’s shape, without secrets (ETag: its version)', security: sec, parameters: [site], responses: { 200: ok('the site file shape'), 401: err, 403: err } },
    put: {
      summary: `Replace the whole definition (users and devices left out keep their secrets). ${live}. 409 STRANDS_TICKETS with what to do when tickets would be stranded, unless moveStrandedTo is given; the answer's Loket-Moved-Tickets header counts the tickets moved`,
      security: sec,
      parameters: [site, moveStrandedTo],
      requestBody: body({}),
      responses: { 200: ok('the new definition'), 400: err, 401: err, 403: err, 409: err },
    },
  },
  '/api/v1/sites/{site}/hours': {
    put: {
      summary: `Opening hours by weekday or range ({"mon-thu": ["07:30","16:00"], "fri": ["07:30","16:30"]}; a day left out is closed). ${live}`,
      security: sec,
      parameters: [site],
      requestBody: body({ hours: { type: 'object', additionalProperties: { type: 'array', items: hhmm, minItems: 2, maxItems: 2 } } }, ['hours']),
      responses: { 200: ok('{hours}'), 400: err, 401: err, 403: err },
    },
  },
  '/api/v1/sites/{site}/breaks': {
    put: {
      summary: `The breaks (Friday prayer: {"days": "fri", "from": "11:30", "to": "13:00"}): no ticket issued and no booking slot then. ${live}`,
      security: sec,
      parameters: [site],
      requestBody: body({ breaks: { type: 'array', items: { type: 'object', properties: { days: { type: 'string' }, from: hhmm, to: hhmm, name: { type: 'string' } }, required: ['days', 'from', 'to'] } } }, ['breaks']),
      responses: { 200: ok('{breaks}'), 400: err, 401: err, 403: err },
    },
  },
  '/api/v1/sites/{site}/holidays': {
    post: {
      summary: `Add a holiday (or rename the one on that date): closed all day, no ticket, no booking slot. ${live}`,
      security: sec,
      parameters: [site],
      requestBody: body({ date, name: { type: 'string' }, nameEn: { type: 'string' } }, ['date', 'name']),
      responses: { 201: ok('{holidays}'), 400: err, 401: err, 403: err },
    },
  },
  '/api/v1/sites/{site}/holidays/{date}': {
    delete: { summary: `Remove the holiday on a date. ${live}`, security: sec, parameters: [site, path('date')], responses: { 200: ok('{holidays}'), 401: err, 403: err, 404: err } },
  },
  '/api/v1/sites/{site}/holidays/import': {
    post: {
      summary:
        'Add Indonesia’s national holidays of a year from the repository’s sites/holidays/id-<year>.json (SKB 3 Menteri; cuti bersama too unless cutiBersama is false). Dates the site has keep their entry; the imported ones are then the site’s own, editable. 404 when there is no list for the year',
      security: sec,
      parameters: [site],
      requestBody: body({ year: { type: 'integer' }, cutiBersama: { type: 'boolean' } }, ['year']),
      responses: { 200: ok('{imported, source, holidays}'), 400: err, 401: err, 403: err, 404: err },
    },
  },
  '/api/v1/sites/{site}/displays': {
    post: { summary: `Add a lobby display. ${live}`, security: sec, parameters: [site], requestBody: body(displayProps, ['id', 'name', 'agencies']), responses: { 201: ok('{display}'), 400: err, 401: err, 403: err, 409: err } },
  },
  '/api/v1/sites/{site}/displays/{id}': {
    patch: { summary: `Edit a display: name, agencies it shows, running text. ${live}`, security: sec, parameters: [site, path('id')], requestBody: body(displayProps), responses: { 200: ok('{display}'), 400: err, 401: err, 403: err, 404: err } },
    delete: { summary: `Remove a display. ${live}`, security: sec, parameters: [site, path('id')], responses: { 204: { description: 'removed' }, 401: err, 403: err, 404: err } },
  },
};
