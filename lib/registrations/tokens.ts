import crypto from 'node:crypto';

// Personal links (manage, invitation): a random token in the link, only its SHA-256 kept.

export function newManageToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
