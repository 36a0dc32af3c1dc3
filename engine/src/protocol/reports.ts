/** Reports, the staffing advisor and the IKM report: the forms of design.md "Reports and staffing". */

/** The nine IKM elements (same as `IKM_ELEMENTS` of protocol/index.ts; no import, no cycle). */
type IkmElement = 'U1' | 'U2' | 'U3' | 'U4' | 'U5' | 'U6' | 'U7' | 'U8' | 'U9';

/** The index of a set of surveys (the form of `IkmFigures`). */
export interface IkmFigures {
  responses: number;
  nrr: Partial<Record<IkmElement, number>>;
  ikm: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
  gradeLabel: string | null;
}

/** One service row of `GET .../reports/daily`. Figures with no samples are `null`. */
export interface DailyServiceRow {
  serviceId: string;
  agencyId: string;
  issued: number;
  /** Finished (a route's step included). */
  served: number;
  noShow: number;
  cancelled: number;
  /** Cancelled before ever being called. */
  walkedOut: number;
  /** Tickets called (first call at this service): the wait samples. */
  called: number;
  waitAvgMinutes: number | null;
  waitP50Minutes: number | null;
  waitP90Minutes: number | null;
  serviceAvgMinutes: number | null;
  serviceP50Minutes: number | null;
  serviceP90Minutes: number | null;
  /** Share of called tickets called within the SLA minutes. */
  slaShare: number | null;
  slaMinutes: number;
  slaTarget: number;
  /** Wait samples per histogram bucket (upper bounds in `waitBucketsMinutes` of the response). */
  waitHistogram: number[];
}

/** An agency, counter or staff account row: the same figures as a service row. */
export interface DailyGroupRow {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  walkedOut: number;
  called: number;
  waitAvgMinutes: number | null;
  waitP50Minutes: number | null;
  waitP90Minutes: number | null;
  serviceAvgMinutes: number | null;
  serviceP50Minutes: number | null;
  serviceP90Minutes: number | null;
  slaShare: number | null;
}

export interface DailyHourRow {
  /** 0-23 in the site's time zone. */
  hour: number;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  called: number;
  waitAvgMinutes: number | null;
  waitP50Minutes: number | null;
  waitP90Minutes: number | null;
  slaShare: number | null;
}

/** `GET /api/v1/sites/:site/reports/daily?date=` (or `from`/`to`, up to 31 days: figures summed). */
export interface DailyReport {
  date: string;
  /** Date range (equal to `date` for one day). */
  from: string;
  to: string;
  services: DailyServiceRow[];
  hours: DailyHourRow[];
  counters: ({ counterId: string; agencyId: string } & DailyGroupRow)[];
  agencies: ({ agencyId: string } & DailyGroupRow)[];
  staff: ({ username: string } & DailyGroupRow)[];
  /** Upper bounds (minutes) of the wait histogram buckets; the last is open (null). */
  waitBucketsMinutes: (number | null)[];
  /** Seq of the last event the figures include. */
  seq: number;
}

/** `GET /api/v1/sites/:site/staffing`. */
export interface StaffingResponse {
  services: {
    serviceId: string;
    arrivalsPerHour: number;
    serviceAvgMinutes: number;
    countersServing: number;
    countersNeeded: number;
    slaForecast: number;
    /** Counter time the service gets (tier 1 shared, lower tiers what tier 1 leaves free). */
    effectiveCounters: number;
    waiting: number;
  }[];
  moves: StaffingMove[];
  /** Breaches forecast within the hour. */
  warnings: StaffingWarningDto[];
  at: string;
}

/** A counter move the advisor suggests; applied with one PATCH of the counter (`toServices`, and `status: open` when `open`). */
export interface StaffingMove {
  counterId: string;
  fromServices: string[][];
  toServices: string[][];
  /** The move in words (Indonesian, with ids); `kind` and the fields after it say the same as data for a client to word. */
  reason: string;
  /** `serve`: the counter takes `serviceId` first; `home`: a lent counter goes back to its site-file profile. */
  kind: 'serve' | 'home';
  /** serve: the service the counter takes first. */
  serviceId?: string;
  /** serve: the figures behind it. */
  need?: StaffingNeed;
  /** home: the services it was lent to, each with the counters it needs and the counter time it keeps without this one. */
  released?: { serviceId: string; countersNeeded: number; effectiveCounters: number }[];
  /** The counter is closed or paused: applying the move opens it. */
  open?: boolean;
}

/** Why a counter should take a service for the coming hour. */
export interface StaffingNeed {
  countersNeeded: number;
  /** The waiting queue raised the need above Erlang C's. */
  forQueue: boolean;
  arrivalsPerHour: number;
  serviceAvgMinutes: number;
  /** Counter time the service gets before the move. */
  effectiveCounters: number;
  waiting: number;
  sla: { minutes: number; share: number };
  /** Erlang C's SLA share for that counter time. */
  slaForecast: number;
}

/** A breach the advisor forecasts within the hour. */
export interface StaffingWarningDto {
  serviceId: string;
  agencyId: string;
  kind: 'sla' | 'backlog' | 'no_counter';
  /** The warning in words (Indonesian, with ids); the fields say it as data. */
  message: string;
  slaForecast: number;
  waiting: number;
  /** Counters Erlang C needs for the coming hour. */
  countersNeeded: number;
  /** Counter time the service gets now. */
  effectiveCounters: number;
  sla: { minutes: number; share: number };
  /** backlog: minutes until the last waiting ticket is called; null when its counters are busy with their first tier. */
  clearMinutes?: number | null;
  /** sla: no counter of the agency (nor of one the service is shared with) can be moved to it. */
  noCounterToMove?: boolean;
}

/** Work state of an IKM comment (a complaint to work through). */
export const COMMENT_STATE = { open: 'open', inProgress: 'in_progress', done: 'done' } as const;
export type CommentState = (typeof COMMENT_STATE)[keyof typeof COMMENT_STATE];

export interface IkmComment {
  ticketId: string;
  serviceId: string;
  agencyId: string;
  /** ISO 8601 of the survey. */
  at: string;
  comment: string;
  /** Lowest element answer of that survey (1-4): the worse, the sooner to answer. */
  lowest: number | null;
  state: CommentState;
  note?: string;
  updatedBy?: string;
  updatedAt?: string;
}

/** `PATCH /api/v1/sites/:site/ikm/comments/:ticketId`. */
export interface CommentPatchRequest {
  state: CommentState;
  note?: string;
}

/** One element of the IKM table (Permenpan RB 14/2017). */
export interface IkmElementRow {
  element: IkmElement;
  name: string;
  responses: number;
  /** Mean answer (1-4). */
  nrr: number | null;
  /** NRR x 1/9 (the regulation's weighted NRR). */
  weightedNrr: number | null;
  /** NRR x 25. */
  converted: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | null;
}

/** `GET /api/v1/sites/:site/ikm/report?from=&to=`. */
export interface IkmReport {
  from: string;
  to: string;
  overall: IkmFigures;
  elements: IkmElementRow[];
  services: ({ serviceId: string; agencyId: string } & IkmFigures & MinimumSample)[];
  agencies: ({ agencyId: string } & IkmFigures & MinimumSample)[];
  sample: MinimumSample;
  comments: IkmComment[];
}

/** Respondents against the minimum sample (Krejcie and Morgan, as Permenpan RB 14/2017 refers to). */
export interface MinimumSample {
  /** Citizens served in the period (the population). */
  population: number;
  /** Minimum respondents for that population. */
  minimumSample: number;
  responses: number;
  enough: boolean;
}
