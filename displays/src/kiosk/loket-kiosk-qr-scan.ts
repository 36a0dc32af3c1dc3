import { LitElement, css, html, nothing } from 'lit';
import { t, type Locale, type MessageKey } from '../i18n/messages.js';

/** Detail of `loket-qr-read`: the text the QR holds (a booking link or a bare code). */
export interface QrReadDetail {
  text: string;
}

/** Detail of `loket-qr-failed`: why the camera could not be used, as a message key. */
export interface QrFailedDetail {
  reason: MessageKey;
}

/** The browser's own detector, where there is one (not in every Chromium build). */
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorCtor {
  new (o: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

/** A frame every this many ms: quick enough to feel instant, light on a kiosk's CPU. */
const FRAME_MS = 150;

/** Reads a QR from an RGBA frame: BarcodeDetector when the browser has it, else jsQR (loaded on first use). */
async function makeReader(): Promise<(v: HTMLVideoElement, c: HTMLCanvasElement) => Promise<string | null>> {
  const Ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector;
  const formats = Ctor ? await Ctor.getSupportedFormats?.().catch(() => [] as string[]) : [];
  if (Ctor && formats?.includes('qr_code')) {
    const detector = new Ctor({ formats: ['qr_code'] });
    return async (v) => (await detector.detect(v))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  return async (v, c) => {
    const w = v.videoWidth;
    const h = v.videoHeight;
    if (!w || !h) return null;
    c.width = w;
    c.height = h;
    const g = c.getContext('2d', { willReadFrequently: true });
    if (!g) return null;
    g.drawImage(v, 0, 0, w, h);
    return jsQR(g.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** The message of a getUserMedia failure (DOMException names per the Media Capture spec). */
export function cameraFailure(err: unknown): MessageKey {
  const name = err instanceof Error ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'checkin.cameraDenied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NoCamera') return 'checkin.noCamera';
  return 'checkin.cameraFailed';
}

/**
 * "Pindai QR / Scan QR" at the kiosk: opens the camera (getUserMedia), shows what it sees and
 * reads the booking QR from its frames; the camera closes as soon as a QR is read, on failure,
 * and when the element leaves the page.
 *
 * @fires loket-qr-read - `{ text }` the QR's content.
 * @fires loket-qr-failed - `{ reason }` no camera, permission denied, or the camera failed.
 */
export class LoketKioskQrScan extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .frame {
      position: relative;
      background: #000;
      border-radius: 14px;
      overflow: hidden;
      max-height: 42vh;
      aspect-ratio: 4 / 3;
      margin: 0 auto;
    }
    /* A landscape kiosk (1280x800) keeps the code field and its buttons on the screen. */
    @media (orientation: landscape) {
      .frame {
        max-height: 26vh;
      }
    }
    video {
      width: 100%;
      height: 100%;
      object-fit: cover;
      display: block;
    }
    .frame::after {
      content: '';
      position: absolute;
      inset: 18%;
      border: 4px solid #ffb000;
      border-radius: 12px;
    }
    p {
      margin: 0.5rem 0 0;
      font-weight: 600;
      text-align: center;
    }
    canvas {
      display: none;
    }
  `;

  static override properties = {
    locale: { type: String },
    _started: { state: true },
  };

  declare locale: Locale;
  declare private _started: boolean;
  private _stream: MediaStream | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _stopped = false;

  constructor() {
    super();
    this.locale = 'id';
    this._started = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._stopped = false;
  }

  override firstUpdated(): void {
    void this._start();
  }

  override disconnectedCallback(): void {
    this._stop();
    super.disconnectedCallback();
  }

  override render() {
    return html`<div class="frame"><video muted playsinline aria-label=${t(this.locale, 'checkin.scanTitle')}></video></div>
      <canvas></canvas>
      <p aria-live="polite" data-testid="qr-status">${this._started ? t(this.locale, 'checkin.scanning') : nothing}</p>`;
  }

  private async _start(): Promise<void> {
    const media = globalThis.navigator?.mediaDevices;
    if (!media?.getUserMedia) return this._fail(Object.assign(new Error('no camera'), { name: 'NoCamera' }));
    try {
      const stream = await media.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
      if (this._stopped) {
        for (const tr of stream.getTracks()) tr.stop();
        return;
      }
      this._stream = stream;
      const video = this.renderRoot.querySelector('video')!;
      video.srcObject = stream;
      await video.play();
      const read = await makeReader();
      this._started = true;
      this._loop(video, this.renderRoot.querySelector('canvas')!, read);
    } catch (err) {
      this._fail(err);
    }
  }

  private _loop(video: HTMLVideoElement, canvas: HTMLCanvasElement, read: Awaited<ReturnType<typeof makeReader>>): void {
    if (this._stopped) return;
    this._timer = setTimeout(async () => {
      const text = await read(video, canvas).catch(() => null);
      if (this._stopped) return;
      if (text) {
        this._stop();
        this.dispatchEvent(new CustomEvent<QrReadDetail>('loket-qr-read', { detail: { text }, bubbles: true, composed: true }));
        return;
      }
      this._loop(video, canvas, read);
    }, FRAME_MS);
  }

  private _fail(err: unknown): void {
    this._stop();
    this.dispatchEvent(new CustomEvent<QrFailedDetail>('loket-qr-failed', { detail: { reason: cameraFailure(err) }, bubbles: true, composed: true }));
  }

  private _stop(): void {
    this._stopped = true;
    clearTimeout(this._timer);
    for (const tr of this._stream?.getTracks() ?? []) tr.stop();
    this._stream = null;
  }
}

customElements.define('loket-kiosk-qr-scan', LoketKioskQrScan);

declare global {
  interface HTMLElementTagNameMap {
    'loket-kiosk-qr-scan': LoketKioskQrScan;
  }
}
