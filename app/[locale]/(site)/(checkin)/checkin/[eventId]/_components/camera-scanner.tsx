'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';

// Reading QR tickets with the device's camera: the browser's own BarcodeDetector where it
// has one (Android, ChromeOS, macOS), else the zxing-cpp decoder compiled to WebAssembly
// (zxing-wasm), loaded only then and served by the app itself (app/api/checkin/decoder).

type Read = (video: HTMLVideoElement) => Promise<string | null>;

/** The part of the Barcode Detection API used here (not yet in TypeScript's DOM types). */
type NativeDetector = {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
};
type NativeDetectorClass = {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
};

/** A frame's longest side when handed to the WebAssembly decoder: enough for a ticket. */
const FRAME_MAX = 720;
/** How often a frame is read. */
const EVERY_MS = 200;
/**
 * A ticket held in front of the camera is sent once; shown again after it has been out
 * of sight this long, it is sent again (and answered "already in").
 */
const OUT_OF_SIGHT_MS = 3000;

async function nativeReader(): Promise<Read | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function wasmReader(): Promise<Read> {
  const { prepareZXingModule, readBarcodes, ZXING_WASM_VERSION } = await import(
    'zxing-wasm/reader'
  );
  prepareZXingModule({
    overrides: {
      locateFile: (file: string, prefix: string) =>
        file.endsWith('.wasm') ? `/api/checkin/decoder?v=${ZXING_WASM_VERSION}` : prefix + file,
    },
    fireImmediately: true,
  });
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  return async (video) => {
    const { videoWidth: w, videoHeight: h } = video;
    if (!w || !h) return null;
    const scale = Math.min(1, FRAME_MAX / Math.max(w, h));
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const found = await readBarcodes(context.getImageData(0, 0, canvas.width, canvas.height), {
      formats: ['QRCode'],
      maxNumberOfSymbols: 1,
      tryHarder: true,
    });
    return found.find((r) => r.isValid)?.text ?? null;
  };
}

type Problem = 'denied' | 'noCamera' | 'unsupported' | 'failed';

function problemOf(error: unknown): Problem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'noCamera';
  return 'failed';
}

/**
 * A button that turns the camera on and off; while on, each ticket seen is handed to
 * `onCode` once (the desk checks it in as if it had been typed).
 */
export function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const t = useTranslations('attendance.camera');
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<number | null>(null);
  const last = useRef<{ code: string; seenAt: number } | null>(null);
  const handler = useRef(onCode);
  handler.current = onCode;
  const [state, setState] = useState<'off' | 'starting' | 'on'>('off');
  const [problem, setProblem] = useState<Problem | null>(null);

  const stop = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
    if (video.current) video.current.srcObject = null;
    setState('off');
  }, []);

  useEffect(() => stop, [stop]);

  const start = async () => {
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setProblem('unsupported');
      return;
    }
    setState('starting');
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: 'environment' } },
        audio: false,
      });
      const element = video.current;
      if (!element) throw new Error('no video element');
      element.srcObject = stream.current;
      await element.play();
      const read = (await nativeReader()) ?? (await wasmReader());
      setState('on');
      const tick = async () => {
        if (!stream.current) return;
        try {
          const code = await read(element);
          const now = Date.now();
          if (code) {
            const again =
              code === last.current?.code && now - last.current.seenAt < OUT_OF_SIGHT_MS;
            last.current = { code, seenAt: now };
            if (!again) handler.current(code);
          }
        } catch {
          // A frame that cannot be read (the camera still starting): the next one will do.
        }
        if (stream.current) timer.current = window.setTimeout(tick, EVERY_MS);
      };
      void tick();
    } catch (error) {
      stop();
      setProblem(problemOf(error));
    }
  };

  return (
    <div className="fr-mb-3w" data-testid="camera">
      <button
        type="button"
        className={`fr-btn fr-btn--secondary fr-btn--icon-left ${state === 'off' ? 'fr-icon-camera-line' : 'fr-icon-close-line'}`}
        onClick={state === 'off' ? () => void start() : stop}
        disabled={state === 'starting'}
        aria-pressed={state !== 'off'}
      >
        {t(state === 'off' ? 'start' : 'stop')}
      </button>
      <p className="fr-hint-text fr-mt-1w" aria-live="polite">
        {state === 'starting' ? t('starting') : state === 'on' ? t('on') : t('hint')}
      </p>
      {problem ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mt-1w" role="alert">
          <p>{t(`problems.${problem}`)}</p>
        </div>
      ) : null}
      <video
        ref={video}
        muted
        playsInline
        aria-label={t('video')}
        hidden={state === 'off'}
        style={{ width: '100%', maxWidth: '28rem', display: state === 'off' ? 'none' : 'block' }}
      />
    </div>
  );
}
