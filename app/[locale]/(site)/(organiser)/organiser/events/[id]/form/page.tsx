import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { getDb } from '@/db/client';
import { isUuid } from '@/lib/events/validation';
import { Link } from '@/lib/i18n/link';
import { localized } from '@/lib/i18n/localized';
import { pageTitle } from '@/lib/i18n/metadata';
import type { Locale } from '@/lib/people/enums';
import { CONDITION_KINDS } from '@/lib/registrations/enums';
import type { QuestionDef } from '@/lib/registrations/form';
import { loadQuestions } from '@/lib/registrations/form-definition';
import { optionLines } from '@/lib/registrations/question-validation';
import { loadManagedEvent } from '../../_components/load-managed-event';
import { QuestionButtons } from './_components/question-buttons';
import {
  type ConditionSource,
  EMPTY_QUESTION,
  QuestionEditor,
} from './_components/question-editor';

type Props = {
  params: Promise<{ locale: Locale; id: string }>;
  searchParams: Promise<{ edit?: string | string[] }>;
};

export const generateMetadata = pageTitle('formBuilder', 'title');

/** The event's registration form: the questions asked beyond the fixed fields. */
export default async function FormBuilderPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const { event } = await loadManagedEvent(locale, id, `/${locale}/organiser/events/${id}/form`);
  const { edit } = await searchParams;
  const [t, tEditor, tKinds, questions] = await Promise.all([
    getTranslations('formBuilder'),
    getTranslations('eventEditor'),
    getTranslations('questionKinds'),
    loadQuestions(getDb(), event.id),
  ]);
  const label = (q: QuestionDef) => localized(locale, q.labelFr, q.labelEn);
  const answerLabel = (q: QuestionDef, value: string) =>
    q.kind === 'yes_no'
      ? t(value === 'yes' ? 'yes' : 'no')
      : (q.options.find((o) => o.id === value)?.[locale === 'en' ? 'labelEn' : 'labelFr'] ?? value);
  const sourcesBefore = (position: number): ConditionSource[] =>
    questions
      .slice(0, position)
      .filter((q) => CONDITION_KINDS.includes(q.kind))
      .map((q) => ({
        id: q.id,
        label: label(q),
        kind: q.kind,
        options:
          q.kind === 'yes_no'
            ? [
                { value: 'yes', label: t('yes') },
                { value: 'no', label: t('no') },
              ]
            : q.options.map((o) => ({ value: o.id, label: answerLabel(q, o.id) })),
      }));
  const editId = typeof edit === 'string' && isUuid(edit) ? edit : null;
  const editing = editId ? questions.findIndex((q) => q.id === editId) : -1;
  const current = questions[editing];

  return (
    <>
      <Breadcrumb
        parents={[
          { label: tEditor('allEvents'), href: '/organiser/events' },
          { label: event.title, href: `/organiser/events/${event.id}` },
        ]}
        current={t('title')}
      />
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {event.status !== 'draft' ? (
        <p>
          <Link className="fr-link" href={`/events/${event.slug}/register`}>
            {t('preview')}
          </Link>
        </p>
      ) : null}

      {current ? (
        <section className="fr-mb-6w" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('editTitle', { label: label(current) })}</h2>
          <QuestionEditor
            eventId={event.id}
            questionId={current.id}
            sources={sourcesBefore(editing)}
            defaultValues={{
              kind: current.kind,
              purpose: current.purpose,
              labelFr: current.labelFr,
              labelEn: current.labelEn,
              helpFr: current.helpFr,
              helpEn: current.helpEn,
              required: current.required,
              options: optionLines(current.options),
              showIfQuestionId: current.showIf?.questionId ?? '',
              showIfValues: current.showIf?.values ?? [],
              minValue: current.minValue === null ? '' : String(current.minValue),
              maxValue: current.maxValue === null ? '' : String(current.maxValue),
            }}
          />
        </section>
      ) : null}

      <section className="fr-mb-6w" aria-labelledby="questions-title">
        <h2 id="questions-title">{t('questionsTitle', { count: questions.length })}</h2>
        <p className="fr-text--sm">{t('fixedFields')}</p>
        {questions.length === 0 ? <p>{t('none')}</p> : null}
        <ol className="fr-raw-list" data-testid="questions">
          {questions.map((q, i) => {
            const parent = q.showIf ? questions.find((p) => p.id === q.showIf?.questionId) : null;
            return (
              <li
                key={q.id}
                className="fr-mb-3w fr-p-2w"
                style={{ border: '1px solid var(--border-default-grey)' }}
              >
                <h3 className="fr-h6 fr-mb-1w">
                  {i + 1}. {label(q)}
                  {q.required ? ' *' : ''}
                </h3>
                <p className="fr-mb-1w">
                  <span className="fr-badge fr-badge--sm">{tKinds(q.kind)}</span>{' '}
                  {q.purpose !== 'general' ? (
                    <span className="fr-badge fr-badge--sm fr-badge--info">
                      {t('purgedAfterEvent')}
                    </span>
                  ) : null}
                </p>
                <p className="fr-text--sm fr-mb-1w" lang={locale === 'fr' ? 'en' : 'fr'}>
                  {locale === 'fr' ? q.labelEn : q.labelFr}
                </p>
                {q.options.length > 0 ? (
                  <p className="fr-text--sm fr-mb-1w">
                    {q.options.map((o) => answerLabel(q, o.id)).join(' · ')}
                  </p>
                ) : null}
                {parent && q.showIf ? (
                  <p className="fr-text--sm fr-mb-1w">
                    {t('shownIf', {
                      question: label(parent),
                      values: q.showIf.values.map((v) => answerLabel(parent, v)).join(', '),
                    })}
                  </p>
                ) : null}
                <p className="fr-mb-1w">
                  <Link
                    className="fr-link fr-link--sm"
                    href={`/organiser/events/${event.id}/form?edit=${q.id}`}
                    title={t('editOf', { label: label(q) })}
                  >
                    {t('edit')}
                  </Link>
                </p>
                <QuestionButtons
                  questionId={q.id}
                  label={label(q)}
                  first={i === 0}
                  last={i === questions.length - 1}
                />
              </li>
            );
          })}
        </ol>
      </section>

      {current ? null : (
        <section className="fr-mb-6w" aria-labelledby="add-title">
          <h2 id="add-title">{t('addTitle')}</h2>
          <QuestionEditor
            eventId={event.id}
            sources={sourcesBefore(questions.length)}
            defaultValues={EMPTY_QUESTION}
          />
        </section>
      )}
    </>
  );
}
