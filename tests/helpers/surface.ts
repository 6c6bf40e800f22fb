// The app's attack surface, discovered from the code: every page, every route handler
// method and every server action. The authorization matrix and the hostile-input sweep
// keep one entry per item, so that a new page, route or action without one fails them.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function walk(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.'))
        out.push(...walk(full, name));
    } else if (entry.name === name) out.push(full);
  }
  return out;
}

/** app/[locale]/(site)/(public)/events/[slug]/page.tsx → /[locale]/events/[slug] */
export function urlPattern(file: string): string {
  const rel = path
    .relative(path.join(ROOT, 'app'), path.dirname(path.resolve(ROOT, file)))
    .split(path.sep);
  const segments = rel.filter((s) => s !== '' && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

/** Every page, by URL pattern (the [locale] segment left for the caller to fill). */
export function discoverPages(): string[] {
  return walk(path.join(ROOT, 'app'), 'page.tsx').map(urlPattern).sort();
}

/** Every route handler method, as "METHOD /pattern". */
export function discoverRoutes(): string[] {
  const out: string[] = [];
  for (const file of walk(path.join(ROOT, 'app'), 'route.ts')) {
    const source = fs.readFileSync(file, 'utf8');
    const exported = new Set<string>();
    for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(\w+)/g)) {
      exported.add(m[1] as string);
    }
    for (const m of source.matchAll(/export\s+const\s*\{([^}]*)\}/g)) {
      for (const n of (m[1] as string).split(',')) exported.add(n.trim().split(/\s/)[0] as string);
    }
    for (const method of METHODS)
      if (exported.has(method)) out.push(`${method} ${urlPattern(file)}`);
  }
  return out.sort();
}

/** Every 'use server' file's exported function, as "lib/x/actions.ts#name". */
export function discoverActions(): string[] {
  const out: string[] = [];
  for (const dir of ['app', 'lib']) {
    for (const file of walkTs(path.join(ROOT, dir))) {
      const source = fs.readFileSync(file, 'utf8');
      if (!/^\s*['"]use server['"]/.test(source)) continue;
      const rel = path.relative(ROOT, file);
      for (const m of source.matchAll(/^export\s+(?:async\s+)?(?:function|const|let)\s+(\w+)/gm)) {
        out.push(`${rel}#${m[1]}`);
      }
    }
  }
  return out.sort();
}

function walkTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkTs(full));
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

type ManifestEntry = { workers: Record<string, unknown>; exportedName?: string; filename?: string };

/**
 * The action ids of the production build, by "file#name" (from
 * .next/server/server-reference-manifest.json), with a page that loads each.
 */
export function actionIds(): Record<string, { id: string; worker: string }> {
  const manifestPath = path.join(ROOT, '.next/server/server-reference-manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
    node: Record<string, ManifestEntry>;
  };
  const out: Record<string, { id: string; worker: string }> = {};
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) continue;
    const worker = Object.keys(entry.workers)[0] ?? '';
    out[`${entry.filename}#${entry.exportedName}`] = { id, worker };
  }
  return out;
}

/** Fills a URL pattern's [param] and [...param] segments. */
export function fill(pattern: string, params: Record<string, string>): string {
  return pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for [${name}] in ${pattern}`);
    return value;
  });
}

// ---- Calling a server action over HTTP, as React's client does ----

/** React's encodeReply for JSON-like values: strings starting with "$" are escaped. */
function escapeForReply(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
  if (value === undefined) return '$undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? '$NaN' : value > 0 ? '$Infinity' : '$-Infinity';
  }
  if (typeof value === 'bigint') return `$n${value}`;
  if (value instanceof Date) return `$D${value.toJSON()}`;
  if (Array.isArray(value)) return value.map(escapeForReply);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeForReply(v)]));
  }
  return value;
}

export type ActionBody =
  | { kind: 'json'; input: unknown }
  | { kind: 'form'; fields: [string, string | { name: string; type: string; text: string }][] }
  /** Sent as is: malformed bodies. */
  | { kind: 'raw'; contentType: string; body: string };

/** The HTTP body of a (previousState, input) call: a JSON array, or multipart for FormData. */
export function encodeActionCall(body: ActionBody): {
  headers: Record<string, string>;
  data: string | FormData;
} {
  if (body.kind === 'raw') {
    return { headers: { 'content-type': body.contentType }, data: body.body };
  }
  if (body.kind === 'json') {
    return {
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify([null, escapeForReply(body.input)]),
    };
  }
  // encodeReply puts a FormData argument's entries under the prefix "1_" and refers to it as "$K1".
  const form = new FormData();
  for (const [key, value] of body.fields) {
    if (typeof value === 'string') form.append(`1_${key}`, value);
    else form.append(`1_${key}`, new Blob([value.text], { type: value.type }), value.name);
  }
  form.append('0', JSON.stringify([null, '$K1']));
  return { headers: {}, data: form };
}

/** Decodes a React Flight answer enough to read an action's returned value. */
export function decodeFlight(raw: Buffer): unknown {
  const rows = new Map<string, unknown>();
  let i = 0;
  while (i < raw.length) {
    const colon = raw.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = raw.subarray(i, colon).toString();
    const tag = raw[colon + 1];
    if (tag === 0x54 /* T: text of a given byte length */) {
      const comma = raw.indexOf(0x2c, colon);
      const length = Number.parseInt(raw.subarray(colon + 2, comma).toString(), 16);
      rows.set(id, raw.subarray(comma + 1, comma + 1 + length).toString());
      i = comma + 1 + length;
      continue;
    }
    let end = raw.indexOf(0x0a, colon);
    if (end < 0) end = raw.length;
    const payload = raw.subarray(colon + 1, end).toString();
    if (/^[[{"\dtfn-]/.test(payload)) {
      try {
        rows.set(id, JSON.parse(payload));
      } catch {
        // Not a model row.
      }
    }
    i = end + 1;
  }
  const resolve = (value: unknown, depth = 0): unknown => {
    if (depth > 50) return value;
    if (typeof value === 'string' && value.startsWith('$')) {
      if (value.startsWith('$$')) return value.slice(1);
      if (value === '$undefined') return undefined;
      const ref = /^\$@?([0-9a-f]+)$/.exec(value);
      if (ref) return resolve(rows.get(ref[1] as string), depth + 1);
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth + 1));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, depth + 1)]));
    }
    return value;
  };
  const root = resolve(rows.get('0')) as { a?: unknown } | undefined;
  return root && typeof root === 'object' && 'a' in root ? root.a : root;
}

export type ActionReply = {
  status: number;
  /** The decoded ActionResult (or whatever the action returned). */
  result: unknown;
  redirect: string | null;
  text: string;
};

/**
 * Calls a server action over HTTP as React's client does: POST to a page that loads the
 * action, with its id in the Next-Action header. The answer's Flight payload is decoded.
 */
export async function callAction(
  baseUrl: string,
  action: { id: string; url: string },
  body: ActionBody,
  cookie?: { name: string; value: string },
): Promise<ActionReply> {
  const { headers, data } = encodeActionCall(body);
  const res = await fetch(`${baseUrl}${action.url}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      ...headers,
      accept: 'text/x-component',
      'next-action': action.id,
      origin: baseUrl,
      ...(cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {}),
    },
    body: data,
  });
  const raw = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const result = type.includes('text/x-component') ? decodeFlight(raw) : undefined;
  return {
    status: res.status,
    result,
    redirect: res.headers.get('x-action-redirect') ?? res.headers.get('location'),
    text: raw.subarray(0, 2000).toString(),
  };
}

/** The translated messages an ActionResult may carry when it refuses, in French. */
export const REFUSALS = {
  unauthenticated: 'Votre session a expiré. Reconnectez-vous.',
  forbidden: "Vous n'avez pas les droits nécessaires pour cette action.",
  notFound: "L'élément demandé n'existe pas ou plus.",
  unexpected: "L'action n'a pas pu aboutir. Rien n'a été modifié ; réessayez.",
};

export type Outcome = 'allow' | 'deny' | 'notFound' | 'error';

/** What an action's answer means: let through, refused, "not found", or broken. */
export function actionOutcome(reply: ActionReply): Outcome {
  if (reply.status >= 500) return 'error';
  const r = reply.result as { ok?: boolean; message?: string } | undefined;
  if (r && typeof r === 'object' && 'ok' in r) {
    if (r.ok) return 'allow';
    if (r.message === REFUSALS.unexpected) return 'error';
    if (r.message === REFUSALS.forbidden || r.message === REFUSALS.unauthenticated) return 'deny';
    if (r.message === REFUSALS.notFound) return 'notFound';
    return 'allow';
  }
  // A redirect (or a page rendered in its place) follows a success.
  return reply.status < 400 ? 'allow' : 'error';
}
