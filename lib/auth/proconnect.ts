import { createRemoteJWKSet, jwtVerify } from 'jose';
import { customFetch } from 'next-auth';
import type { OIDCConfig } from 'next-auth/providers';

export type OidcSettings = {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
};

/** The single sign-on provider, switched on by OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET. */
export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return {
    id: 'proconnect',
    name: env.OIDC_NAME || 'ProConnect',
    issuer: OIDC_ISSUER.replace(/\/$/, ''),
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    scope: env.OIDC_SCOPE || 'openid email given_name usual_name',
  };
}

export class UnverifiedTokenError extends Error {
  constructor(what: string, cause: unknown) {
    super(`The identity provider's ${what} failed signature verification`, { cause });
    this.name = 'UnverifiedTokenError';
  }
}

type Discovery = { jwks_uri: string; issuer: string };

/**
 * Auth.js decodes a signed userinfo JWT without checking its signature. This fetch
 * wrapper checks every JWT the identity provider returns (ID token, signed userinfo)
 * against the provider's published keys, so a forged identity is refused.
 */
export function createVerifyingFetch(settings: OidcSettings, baseFetch: typeof fetch = fetch) {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  let discovered: Promise<Discovery> | undefined;

  const discovery = () => {
    discovered ??= baseFetch(`${settings.issuer}/.well-known/openid-configuration`)
      .then((r) => {
        if (!r.ok) throw new Error(`OIDC discovery answered ${r.status}`);
        return r.json() as Promise<Discovery>;
      })
      .catch((error) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  const verify = async (jwt: string, what: string) => {
    const meta = await discovery();
    keys ??= createRemoteJWKSet(new URL(meta.jwks_uri));
    try {
      await jwtVerify(jwt, keys, { issuer: meta.issuer, audience: settings.clientId });
    } catch (error) {
      throw new UnverifiedTokenError(what, error);
    }
  };

  return async function verifyingFetch(
    input: Parameters<typeof fetch>[0],
    init?: Parameters<typeof fetch>[1],
  ): Promise<Response> {
    const response = await baseFetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) return response;
    if (type.includes('application/jwt')) {
      const body = await response.text();
      await verify(body.trim(), 'userinfo');
      return new Response(body, { status: response.status, headers: response.headers });
    }
    if (type.includes('json') && init?.method === 'POST') {
      const body = await response.text();
      let idToken: unknown;
      try {
        idToken = (JSON.parse(body) as { id_token?: unknown }).id_token;
      } catch {
        idToken = undefined;
      }
      if (typeof idToken === 'string') await verify(idToken, 'ID token');
      return new Response(body, { status: response.status, headers: response.headers });
    }
    return response;
  };
}

type ProConnectProfile = {
  sub: string;
  email: string;
  given_name?: string;
  usual_name?: string;
  family_name?: string;
};

// One verifying fetch per provider settings, kept across requests, so the discovery
// document and the keys are fetched once and not on every sign-in.
const FETCHES = Symbol.for('passerelle.oidc.fetches');
type Global = typeof globalThis & {
  [FETCHES]?: Map<string, ReturnType<typeof createVerifyingFetch>>;
};

function verifyingFetchFor(settings: OidcSettings) {
  const g = globalThis as Global;
  g[FETCHES] ??= new Map();
  const key = `${settings.issuer}|${settings.clientId}`;
  let f = g[FETCHES].get(key);
  if (!f) {
    f = createVerifyingFetch(settings);
    g[FETCHES].set(key, f);
  }
  return f;
}

export function proConnectProvider(settings: OidcSettings): OIDCConfig<ProConnectProfile> {
  return {
    id: settings.id,
    name: settings.name,
    type: 'oidc',
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ['state', 'nonce'],
    authorization: { params: { scope: settings.scope } },
    // The profile is the (signed) userinfo answer, not the ID token.
    idToken: false,
    client: { userinfo_signed_response_alg: 'RS256', id_token_signed_response_alg: 'RS256' },
    // The e-mail address is the identity key: a person who first came by magic link
    // finds the same account when they sign in through the provider.
    allowDangerousEmailAccountLinking: true,
    profile(profile) {
      const name = [profile.given_name, profile.usual_name ?? profile.family_name]
        .filter(Boolean)
        .join(' ');
      return { id: profile.sub, email: profile.email.toLowerCase(), name: name || null };
    },
    [customFetch]: verifyingFetchFor(settings),
  };
}
