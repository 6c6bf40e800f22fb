import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth, { type NextAuthConfig } from 'next-auth';
import type { EmailConfig } from 'next-auth/providers';
import { getDb } from '@/db/client';
import { accounts, sessions, users, verificationTokens } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { sendMailNow } from '@/lib/mail/outbox';
import { magicLinkMail } from '@/lib/mail/templates';
import { oidcSignInIsMultiFactor, signInContext } from './amr';
import { localeFromCallback } from './locale';
import { oidcSettings, proConnectProvider } from './proconnect';
import { authSecret } from './secret';
import { clearMagicLinkLimit } from './sign-in-limits';

export const MAGIC_LINK_MAX_AGE_SECONDS = 30 * 60;

const emailProvider: EmailConfig = {
  id: 'email',
  type: 'email',
  name: 'E-mail',
  maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
  async sendVerificationRequest({ identifier, url }) {
    // Through the outbox: a link asked for while SMTP is down is sent when it is back.
    await sendMailNow(magicLinkMail(identifier, url, localeFromCallback(url)));
  },
};

function config(): NextAuthConfig {
  const oidc = oidcSettings();
  const adapter = DrizzleAdapter(getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
  const { createSession } = adapter;
  if (!createSession) throw new Error('the Drizzle adapter writes sessions');
  return {
    adapter: {
      ...adapter,
      // A session opened by a multi-factor OIDC sign-in has passed the second factor.
      createSession: (data) =>
        createSession({
          ...data,
          ...(signInContext()?.multiFactor ? { secondFactorAt: new Date() } : {}),
        } as typeof data),
    },
    // Sessions live in the database: they survive a restart and can be revoked.
    session: { strategy: 'database', maxAge: 30 * 24 * 3600, updateAge: 24 * 3600 },
    secret: authSecret(),
    trustHost: true,
    providers: oidc ? [emailProvider, proConnectProvider(oidc)] : [emailProvider],
    pages: {
      signIn: '/sign-in',
      verifyRequest: '/sign-in/check-email',
      error: '/sign-in/error',
      signOut: '/sign-out',
    },
    events: {
      async signIn({ user, account }) {
        if (!user.id) return;
        if (account?.provider === 'email' && user.email) await clearMagicLinkLimit(user.email);
        if (signInContext()?.multiFactor) {
          await recordAudit(getDb(), {
            actorId: user.id,
            action: 'auth.second_factor_oidc',
            subjectType: 'user',
            subjectId: user.id,
            data: { provider: account?.provider ?? null },
          });
        }
        await recordAudit(getDb(), {
          actorId: user.id,
          action: 'auth.sign_in',
          subjectType: 'user',
          subjectId: user.id,
          data: { provider: account?.provider ?? null },
        });
      },
    },
    callbacks: {
      signIn({ account, profile }) {
        const context = signInContext();
        if (context && account?.type === 'oidc') {
          context.multiFactor = oidcSignInIsMultiFactor(
            profile as Record<string, unknown> | undefined,
            account.id_token,
          );
        }
        return true;
      },
      session({ session, user }) {
        session.user.id = user.id;
        return session;
      },
      // Only our own origin: a forged callbackUrl falls back to the home page.
      redirect({ url, baseUrl }) {
        if (url.startsWith('/') && !url.startsWith('//')) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // Not a URL: fall through to the home page.
        }
        return baseUrl;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
