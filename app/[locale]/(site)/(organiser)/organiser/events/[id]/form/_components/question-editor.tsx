'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useTransition } from 'react';
import { useForm } from 'react-hook-form';
import {
  CheckboxField,
  ChoiceGroup,
  SelectField,
  TextAreaField,
  TextField,
} from '@/app/_components/form/fields';
import { zodResolver } from '@/app/_components/form/zod-resolver';
import { useSchemaMessage } from '@/app/_components/use-field-error';
import { Link } from '@/lib/i18n/link';
import { CHOICE_KINDS, QUESTION_KINDS, type QuestionKind } from '@/lib/registrations/enums';
import { addQuestionAction, updateQuestionAction } from '@/lib/registrations/question-actions';
import {
  type QuestionFormInput,
  type QuestionInput,
  questionInputSchema,
} from '@/lib/registrations/question-validation';

/** An earlier question a new one can be shown upon, with the answers it offers. */
export type ConditionSource = {
  id: string;
  label: string;
  kind: QuestionKind;
  options: { value: string; label: string }[];
};

type Props = {
  eventId: string;
  questionId?: string;
  defaultValues: QuestionFormInput;
  /** Earlier questions offering choices. */
  sources: ConditionSource[];
};

export const EMPTY_QUESTION: QuestionFormInput = {
  kind: 'short_text',
  purpose: 'general',
  labelFr: '',
  labelEn: '',
  helpFr: '',
  helpEn: '',
  required: false,
  options: '',
  showIfQuestionId: '',
  showIfValues: [],
  minValue: '',
  maxValue: '',
};

type Field = keyof QuestionFormInput;

/** Adds a question to the event's form, or changes one (with `questionId`). */
export function QuestionEditor({ eventId, questionId, defaultValues, sources }: Props) {
  const t = useTranslations('formBuilder');
  const tKinds = useTranslations('questionKinds');
  const message = useSchemaMessage();
  const [pending, startTransition] = useTransition();
  const [state, action] = useActionState(
    questionId ? updateQuestionAction : addQuestionAction,
    null,
  );
  const {
    register,
    handleSubmit,
    getValues,
    reset,
    watch,
    formState: { errors },
  } = useForm<QuestionFormInput, unknown, QuestionInput>({
    resolver: zodResolver(questionInputSchema),
    defaultValues,
  });
  const serverErrors = state && !state.ok ? state.fieldErrors : undefined;
  const err = (name: Field) =>
    message(errors[name]?.message as string | undefined) ?? serverErrors?.[name]?.[0];
  const kind = watch('kind');
  const purpose = watch('purpose');
  const sourceId = watch('showIfQuestionId');
  const source = sources.find((s) => s.id === sourceId);

  useEffect(() => {
    if (state?.ok && !questionId) reset(EMPTY_QUESTION);
  }, [state, questionId, reset]);

  const submit = handleSubmit(() =>
    startTransition(async () => {
      const values = getValues();
      await action(questionId ? { ...values, questionId } : { ...values, eventId });
    }),
  );

  /** Neutral, optional wording for needs, erased the day after the event. */
  const preset = (which: 'diet' | 'access') =>
    reset({
      ...EMPTY_QUESTION,
      kind: 'long_text',
      purpose: which,
      labelFr: t(`presets.${which}.labelFr`),
      labelEn: t(`presets.${which}.labelEn`),
      helpFr: t(`presets.${which}.helpFr`),
      helpEn: t(`presets.${which}.helpEn`),
    });

  return (
    <form onSubmit={submit} noValidate data-testid="question-editor">
      {state && !state.ok ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert">
          <p>{state.message}</p>
        </div>
      ) : null}
      {state?.ok ? (
        <div className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w" role="status">
          <p>{questionId ? t('saved') : t('added')}</p>
          {questionId ? null : null}
        </div>
      ) : null}
      {questionId ? null : (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm fr-mb-2w">
          <li>
            <button
              type="button"
              className="fr-btn fr-btn--tertiary"
              onClick={() => preset('diet')}
            >
              {t('presetDiet')}
            </button>
          </li>
          <li>
            <button
              type="button"
              className="fr-btn fr-btn--tertiary"
              onClick={() => preset('access')}
            >
              {t('presetAccess')}
            </button>
          </li>
        </ul>
      )}
      {purpose !== 'general' ? (
        <div className="fr-notice fr-notice--info fr-mb-2w">
          <div className="fr-container">
            <div className="fr-notice__body">
              <p className="fr-notice__title">{t('needsNotice')}</p>
            </div>
          </div>
        </div>
      ) : null}
      <input type="hidden" {...register('purpose')} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <SelectField
            label={t('kind')}
            options={QUESTION_KINDS.map((k) => ({ value: k, label: tKinds(k) }))}
            error={err('kind')}
            {...register('kind')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6 fr-mt-md-4w">
          {purpose === 'general' ? (
            <CheckboxField
              label={t('required')}
              error={err('required')}
              {...register('required')}
            />
          ) : null}
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            lang="fr"
            label={`${t('labelFr')} *`}
            error={err('labelFr')}
            {...register('labelFr')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField
            lang="en"
            label={`${t('labelEn')} *`}
            error={err('labelEn')}
            {...register('labelEn')}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField lang="fr" label={t('helpFr')} error={err('helpFr')} {...register('helpFr')} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <TextField lang="en" label={t('helpEn')} error={err('helpEn')} {...register('helpEn')} />
        </div>
        {CHOICE_KINDS.includes(kind) ? (
          <div className="fr-col-12">
            <TextAreaField
              label={`${t('options')} *`}
              hint={t('optionsHint')}
              rows={5}
              error={err('options')}
              {...register('options')}
            />
          </div>
        ) : null}
        {kind === 'number' ? (
          <>
            <div className="fr-col-6">
              <TextField
                label={t('minValue')}
                inputMode="numeric"
                error={err('minValue')}
                {...register('minValue')}
              />
            </div>
            <div className="fr-col-6">
              <TextField
                label={t('maxValue')}
                inputMode="numeric"
                error={err('maxValue')}
                {...register('maxValue')}
              />
            </div>
          </>
        ) : null}
        {sources.length > 0 ? (
          <div className="fr-col-12">
            <SelectField
              label={t('showIf')}
              hint={t('showIfHint')}
              options={sources.map((s) => ({ value: s.id, label: s.label }))}
              placeholder={t('always')}
              error={err('showIfQuestionId')}
              {...register('showIfQuestionId')}
            />
            {source ? (
              <ChoiceGroup
                legend={t('showIfValues', { question: source.label })}
                type="checkbox"
                options={source.options}
                error={err('showIfValues')}
                {...register('showIfValues')}
              />
            ) : null}
          </div>
        ) : null}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-2w">
        <li>
          <button type="submit" className="fr-btn" disabled={pending}>
            {questionId ? t('save') : t('add')}
          </button>
        </li>
        {questionId ? (
          <li>
            <Link className="fr-btn fr-btn--secondary" href={`/organiser/events/${eventId}/form`}>
              {t('backToForm')}
            </Link>
          </li>
        ) : null}
      </ul>
    </form>
  );
}
