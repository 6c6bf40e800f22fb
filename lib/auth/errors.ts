/** A placeholder's value: a number, a text, or a name that differs by language. */
export type MessageParam = string | number | { fr: string; en: string };

/** The placeholders' values in one language. */
export function paramsIn(
  locale: 'fr' | 'en',
  params: Record<string, MessageParam> | undefined,
): Record<string, string | number> | undefined {
  if (!params) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[locale] : v]),
  );
}

/** Expected failures that an action turns into a translated message. */
export class ActionError extends Error {
  constructor(
    /** A key of the translation catalogue, e.g. 'actions.forbidden'. */
    readonly messageKey: string,
    readonly fieldErrors?: Record<string, string[]>,
    /** Values of the message's placeholders, e.g. { seconds: 42 } or an organisation's names. */
    readonly params?: Record<string, MessageParam>,
  ) {
    super(messageKey);
    this.name = 'ActionError';
  }
}

export class ForbiddenError extends ActionError {
  constructor() {
    super('actions.forbidden');
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends ActionError {
  constructor() {
    super('actions.notFound');
    this.name = 'NotFoundError';
  }
}
