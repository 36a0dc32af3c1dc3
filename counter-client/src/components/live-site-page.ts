/**
 * What the counter desk and the supervisor floor share: the site, its
 * counters, the live socket of one namespace, one request at a time, and the
 * error and notice lines.
 */
import { LitElement, css, html, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { CounterDto, LoketEvent, SessionUser, SiteInfo, Snapshot } from '@loket/engine/protocol';
import { api, sitePath } from '../api.js';
import { DeskApi } from '../desk-actions.js';
import { errorText } from '../error-text.js';
import { LangController } from '../i18n/i18n.js';
import { LiveController } from '@loket/web-common/live';
import { AnsweredSeqs } from '../answered-seqs.js';

/** The connection line and the error and notice lines of a live page. */
export const liveLineStyles = css`
  .conn {
    font-weight: 700;
  }
  .conn.on {
    color: var(--ok);
  }
  .conn.off {
    color: var(--danger);
  }
  .error:empty,
  .notice:empty {
    display: none;
  }
`;

/** Base of a staff page live over one Socket.IO namespace; not an element itself. */
export abstract class LiveSitePage extends LitElement {
  static override properties: PropertyDeclarations = {
    siteId: { type: String },
    token: { type: String },
    user: { attribute: false },
    _site: { state: true },
    _counters: { state: true },
    _busy: { state: true },
    _error: { state: true },
    _notice: { state: true },
  };
  /** Site the page works in. */
  declare siteId: string;
  /** Bearer token of the logged-in user. */
  declare token: string;
  /** The logged-in user. */
  declare user: SessionUser | null;
  declare protected _site: SiteInfo | null;
  declare protected _counters: CounterDto[];
  /** Name of the request in flight; every action button is disabled meanwhile. */
  declare protected _busy: string | null;
  declare protected _error: string;
  declare protected _notice: string;
  protected readonly _lang = new LangController(this);
  protected readonly _live: LiveController;
  /** Seqs of this page's own HTTP answers: live events they already cover are dropped. */
  protected readonly _answered = new AnsweredSeqs();

  constructor(namespace: '/counter' | '/supervisor') {
    super();
    this._live = new LiveController(this, {
      namespace,
      token: () => this.token || null,
      siteId: () => this.siteId || null,
      onSnapshot: (s) => this._onSnapshot(s),
      // An administrator changed the site: re-read its services and counters, no reload.
      onEvent: (e) => {
        if (e.type === 'site.updated') return void this._load();
        if (!this._answered.covers(e)) this._onLiveEvent(e);
      },
    });
    this.siteId = '';
    this.token = '';
    this.user = null;
    this._site = null;
    this._counters = [];
    this._busy = null;
    this._error = '';
    this._notice = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  /** A new token or site (after a login) opens the socket again. */
  override updated(changed: PropertyValues): void {
    if (changed.has('token') || changed.has('siteId')) this._live.open();
  }

  protected get _api(): DeskApi {
    return new DeskApi(this.siteId, this.token);
  }

  /** The error and notice lines. */
  protected _renderLines() {
    return html`<p class="error" role="alert" data-error>${this._error}</p>
      <p class="notice" aria-live="polite" data-notice>${this._notice}</p>`;
  }

  /** Reads the site and its counters, then `_loaded()`; shows a failure in words. */
  private async _load(): Promise<void> {
    try {
      const [site, { counters }] = await Promise.all([api<SiteInfo>(sitePath(this.siteId, '/info')), this._api.counters()]);
      this._site = site;
      this._counters = counters;
      await this._loaded();
    } catch (err) {
      this._error = errorText(err);
    }
  }

  /** Runs after the first load of the site and its counters. */
  protected abstract _loaded(): void | Promise<void>;

  /** Takes the site and counters of a snapshot; subclasses refresh the rest. */
  protected _onSnapshot(s: Snapshot): void {
    if (s.site) this._site = s.site;
    if (s.counters.length > 0) this._counters = s.counters;
  }

  /** Every live event but `site.updated` (the page re-reads the site itself). */
  protected abstract _onLiveEvent(e: Exclude<LoketEvent, { type: 'site.updated' }>): void;

  /** Runs one request at a time; shows its error in words. */
  protected async _run(name: string, fn: () => Promise<void>): Promise<void> {
    if (this._busy !== null) return;
    this._busy = name;
    this._error = '';
    this._notice = '';
    try {
      await fn();
    } catch (err) {
      this._error = errorText(err);
    } finally {
      this._busy = null;
    }
  }
}
