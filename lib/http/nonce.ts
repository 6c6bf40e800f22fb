import 'server-only';
import { headers } from 'next/headers';
import { nonceOfPolicy } from './security-headers';

/** This request's script nonce, for the inline scripts Next does not render itself. */
export async function requestNonce(): Promise<string | undefined> {
  return nonceOfPolicy((await headers()).get('content-security-policy'));
}
