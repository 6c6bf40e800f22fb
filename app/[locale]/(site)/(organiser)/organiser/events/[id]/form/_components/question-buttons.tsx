'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { deleteQuestionAction, moveQuestionAction } from '@/lib/registrations/question-actions';

/** Move up or down, and remove after an explicit confirmation. */
export function QuestionButtons({
  questionId,
  label,
  first,
  last,
}: {
  questionId: string;
  label: string;
  first: boolean;
  last: boolean;
}) {
  const t = useTranslations('formBuilder');
  const [moved, move, moving] = useActionState(moveQuestionAction, null);
  const [removed, remove, removing] = useActionState(deleteQuestionAction, null);
  const failure = [moved, removed].find((s) => s && !s.ok);
  return (
    <>
      {failure && !failure.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{failure.message}</p>
        </div>
      ) : null}
      <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
        <form action={move}>
          <input type="hidden" name="questionId" value={questionId} />
          <input type="hidden" name="direction" value="up" />
          <button
            type="submit"
            className="fr-btn fr-btn--tertiary fr-btn--sm"
            disabled={first || moving}
            aria-label={t('moveUpOf', { label })}
          >
            {t('moveUp')}
          </button>
        </form>
        <form action={move}>
          <input type="hidden" name="questionId" value={questionId} />
          <input type="hidden" name="direction" value="down" />
          <button
            type="submit"
            className="fr-btn fr-btn--tertiary fr-btn--sm"
            disabled={last || moving}
            aria-label={t('moveDownOf', { label })}
          >
            {t('moveDown')}
          </button>
        </form>
      </div>
      <details className="fr-mt-1w">
        <summary className="fr-link fr-link--sm">{t('remove')}</summary>
        <form action={remove} className="fr-mt-1w">
          <input type="hidden" name="questionId" value={questionId} />
          <p className="fr-text--sm">{t('removeConfirm', { label })}</p>
          <button type="submit" className="fr-btn fr-btn--secondary fr-btn--sm" disabled={removing}>
            {t('removeNow')}
          </button>
        </form>
      </details>
    </>
  );
}
