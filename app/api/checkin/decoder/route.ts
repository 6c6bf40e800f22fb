import { readFile } from 'node:fs/promises';
import path from 'node:path';

// The QR decoder's WebAssembly for the check-in desk's camera, where the browser has no
// BarcodeDetector of its own (desktop Chromium, Firefox, Safari): served from the
// package installed with the app (the server runs from the project's folder), never
// from a CDN. It holds nothing private. The desk asks for it with the package's version
// in the query string, so that browsers may keep it for good.

const WASM = path.join(process.cwd(), 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');

export async function GET(): Promise<Response> {
  const body = await readFile(WASM);
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/wasm',
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
