/** Expected failures that an action turns into a translated message. */
export class ActionError extends Error {
  constructor(
    /** A key of the translation catalogue, e.g. 'actions.forbidden'. */
    readonly messageKey: string,
    readonly fieldErrors?: Record<string, string[]>,
    /** Values of the message's placeholders, e.g. { seconds: 42 }. */
    readonly params?: Record<string, string | number>,
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
