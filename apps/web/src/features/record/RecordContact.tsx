import { channels, isServiceLevelTracked, priorities, serviceCategories, type FieldErrors } from '@meridian/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetails } from '../../api/clients.ts';
import { useMeridian, useRegionApi } from '../../shell/context.tsx';
import { Field } from '../../ui/Field.tsx';
import { toLocalInputValue } from '../../ui/format.ts';
import { CustomerPicker, isComposing } from './CustomerPicker.tsx';
import { clearDraft, loadDraft, newClientReference, saveDraft, type RecordDraft } from './draftStore.ts';
import { recordInputOf } from './recordInput.ts';
import { useOutbox } from './useOutbox.ts';

function freshDraft(previous?: Partial<RecordDraft> | null): RecordDraft {
  return {
    customer: null,
    typeCode: '',
    channel: 'phone',
    occurredAt: toLocalInputValue(new Date()),
    // Staff usually work from the same place: keep the last one to save typing.
    place: previous?.place ?? '',
    content: '',
    outcome: '',
    nextStep: '',
    nextStepDue: '',
    jobCode: '',
    serviceCategory: '',
    priority: 'normal',
    clientReference: newClientReference(),
  };
}

type Outcome = { kind: 'saved'; id: string; closed: boolean } | { kind: 'queued' } | { kind: 'failed'; messageKey: string } | null;

/**
 * One screen, keyboard first: Tab or Enter moves on, Ctrl+Enter saves from anywhere. An Enter that
 * confirms an IME composition (Chinese input) never moves or saves.
 */
export function RecordContact({ initialCustomerId }: { initialCustomerId?: string }) {
  const { t, i18n } = useTranslation('records');
  const api = useRegionApi();
  const { me } = useMeridian();
  const queryClient = useQueryClient();
  const scope = `${me?.region ?? 'region'}.${me?.login ?? 'anonymous'}`;
  const [draft, setDraft] = useState<RecordDraft>(() => ({ ...freshDraft(), ...loadDraft(scope) }));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [sending, setSending] = useState(false);
  const outbox = useOutbox(api, scope);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => saveDraft(scope, draft), [scope, draft]);

  const preselected = useQuery({
    queryKey: ['customers.get', initialCustomerId],
    enabled: Boolean(initialCustomerId) && !draft.customer,
    queryFn: () => api.customers.get.query({ id: initialCustomerId! }),
  });
  useEffect(() => {
    const customer = preselected.data;
    if (customer && !draft.customer) setDraft((current) => ({ ...current, customer: { id: customer.id, code: customer.code, name: customer.name, nameLatin: customer.nameLatin } }));
  }, [preselected.data, draft.customer]);

  const types = useQuery({ queryKey: ['contactTypes.tree', i18n.language], queryFn: () => api.contactTypes.tree.query({ locale: i18n.language }) });
  const projects = useQuery({
    queryKey: ['projects.list', draft.customer?.id],
    enabled: Boolean(draft.customer),
    queryFn: () => api.projects.list.query({ customerId: draft.customer!.id, limit: 100 }),
  });
  const helpRequest = draft.typeCode ? isServiceLevelTracked(draft.typeCode) : false;

  const set = <K extends keyof RecordDraft>(key: K, value: RecordDraft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setOutcome(null);
  };
  const errorsOf = (field: string) => fieldErrors[field];

  async function submit() {
    if (sending) return;
    const prepared = recordInputOf(draft);
    if ('fieldErrors' in prepared) {
      setFieldErrors(prepared.fieldErrors);
      focusFirstError();
      return;
    }
    setSending(true);
    try {
      const { record } = await api.contactRecords.create.mutate(prepared.input);
      clearDraft(scope);
      setDraft(freshDraft(draft));
      setFieldErrors({});
      setOutcome({ kind: 'saved', id: record.id, closed: false });
      // Many contacts are finished when recorded: offer to close it right away (Enter), or go on (Tab).
      setFocusRequest('closeSaved');
      void queryClient.invalidateQueries({ queryKey: ['contactRecords.list'] });
    } catch (error) {
      const details = errorDetails(error);
      if (details.network) {
        // Nothing is lost: the record waits on this device and goes out when the network returns.
        outbox.enqueue(draft);
        clearDraft(scope);
        setDraft(freshDraft(draft));
        setOutcome({ kind: 'queued' });
      } else if (details.fieldErrors) {
        setFieldErrors(details.fieldErrors);
        focusFirstError();
      } else {
        setOutcome({ kind: 'failed', messageKey: details.messageKey ?? 'errors.internal' });
      }
    } finally {
      setSending(false);
    }
  }

  // Focus moves only after React has drawn the new state, never racing it.
  const [focusRequest, setFocusRequest] = useState<'firstError' | 'closeSaved' | null>(null);
  function focusFirstError() {
    setFocusRequest('firstError');
  }
  useEffect(() => {
    if (!focusRequest) return;
    const selector = focusRequest === 'firstError' ? '[aria-invalid="true"]' : '[data-close-saved]';
    formRef.current?.querySelector<HTMLElement>(selector)?.focus();
    setFocusRequest(null);
  }, [focusRequest, fieldErrors, outcome]);

  function onFormKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Enter' || isComposing(event) || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      void submit();
      return;
    }
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLButtonElement) return;
    // Enter in a single-line field moves on, like Tab; in the last one it saves.
    event.preventDefault();
    const focusable = [...formRef.current!.querySelectorAll<HTMLElement>('input, select, textarea, button[type="submit"]')].filter((element) => !element.hasAttribute('disabled'));
    const next = focusable[focusable.indexOf(target) + 1];
    if (!next || next.getAttribute('type') === 'submit') void submit();
    else next.focus();
  }

  const typeGroups = types.data ?? [];
  const projectOptions = projects.data?.items ?? [];
  const savedMessage = useMemo(() => (outcome?.kind === 'saved' ? (outcome.closed ? t('savedAndClosed') : t('saved')) : null), [outcome, t]);

  async function closeSaved() {
    if (outcome?.kind !== 'saved') return;
    try {
      await api.contactRecords.close.mutate({ id: outcome.id });
      setOutcome({ ...outcome, closed: true });
      void queryClient.invalidateQueries({ queryKey: ['contactRecords.list'] });
    } catch (error) {
      setOutcome({ kind: 'failed', messageKey: errorDetails(error).messageKey ?? 'errors.internal' });
    }
    formRef.current?.querySelector<HTMLElement>('[role="combobox"]')?.focus();
  }

  return (
    <section className="record" aria-labelledby="record-title">
      <h1 id="record-title">{t('title')}</h1>
      <p className="hint">{t('keyboardHint')}</p>
      {outbox.entries.length > 0 ? (
        <div className="notice notice--queued" role="status">
          {t('outbox', { count: outbox.entries.length })}{' '}
          <button type="button" onClick={() => void outbox.flush()}>
            {t('sendNow')}
          </button>
        </div>
      ) : null}
      <form
        ref={formRef}
        noValidate
        onKeyDown={onFormKeyDown}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label={t('field.customer')} required errors={errorsOf('customerId')}>
          {(control) => (
            <CustomerPicker
              id={control.id}
              value={draft.customer}
              invalid={control['aria-invalid']}
              describedBy={control['aria-describedby']}
              autoFocus={!initialCustomerId}
              onChange={(customer) => set('customer', customer)}
            />
          )}
        </Field>
        {draft.customer?.nameLatin && draft.customer.nameLatin !== draft.customer.name ? (
          <p className="picked" dir="auto">
            {draft.customer.code} · {draft.customer.nameLatin}
          </p>
        ) : null}
        <div className="row">
          <Field label={t('field.type')} required errors={errorsOf('typeCode')}>
            {(control) => (
              <select {...control} value={draft.typeCode} onChange={(event) => set('typeCode', event.target.value)}>
                <option value="">{t('choose')}</option>
                {/* Numbered so the keyboard picks a type in two keystrokes: "3", "1" → 31 complaint · timeliness. */}
                {typeGroups.map((group, groupIndex) => (
                  <optgroup key={group.code} label={`${groupIndex + 1} ${group.label}`}>
                    {group.children.map((type, typeIndex) => (
                      <option key={type.code} value={type.code}>
                        {`${groupIndex + 1}${typeIndex + 1} ${type.label}`}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('field.channel')} required errors={errorsOf('channel')}>
            {(control) => (
              <select {...control} value={draft.channel} onChange={(event) => set('channel', event.target.value)}>
                {channels.map((channel) => (
                  <option key={channel} value={channel}>
                    {t(`taxonomy:channel.${channel}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {helpRequest ? (
          <div className="row">
            <Field label={t('field.serviceCategory')} required errors={errorsOf('serviceCategory')}>
              {(control) => (
                <select {...control} value={draft.serviceCategory} onChange={(event) => set('serviceCategory', event.target.value)}>
                  <option value="">{t('choose')}</option>
                  {serviceCategories.map((category) => (
                    <option key={category} value={category}>
                      {t(`taxonomy:serviceCategory.${category}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('field.priority')} errors={errorsOf('priority')}>
              {(control) => (
                <select {...control} value={draft.priority} onChange={(event) => set('priority', event.target.value)}>
                  {priorities.map((priority) => (
                    <option key={priority} value={priority}>
                      {t(`taxonomy:priority.${priority}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        ) : null}
        <Field label={t('field.place')} required errors={errorsOf('place')}>
          {(control) => <input {...control} dir="auto" value={draft.place} onChange={(event) => set('place', event.target.value)} />}
        </Field>
        <Field label={t('field.content')} required errors={errorsOf('content')}>
          {(control) => <textarea {...control} dir="auto" rows={4} value={draft.content} onChange={(event) => set('content', event.target.value)} />}
        </Field>
        <Field label={t('field.outcome')} required errors={errorsOf('outcome')}>
          {(control) => <textarea {...control} dir="auto" rows={2} value={draft.outcome} onChange={(event) => set('outcome', event.target.value)} />}
        </Field>
        <div className="row">
          <Field label={t('field.nextStep')} required errors={errorsOf('nextStep')}>
            {(control) => <input {...control} dir="auto" value={draft.nextStep} onChange={(event) => set('nextStep', event.target.value)} />}
          </Field>
          <Field label={t('field.nextStepDue')} errors={errorsOf('nextStepDue')}>
            {(control) => <input {...control} type="date" value={draft.nextStepDue} onChange={(event) => set('nextStepDue', event.target.value)} />}
          </Field>
          <Field label={t('field.jobCode')} errors={errorsOf('jobCode')}>
            {(control) => (
              <select {...control} value={draft.jobCode} onChange={(event) => set('jobCode', event.target.value)} disabled={!draft.customer}>
                <option value="">{t('noJob')}</option>
                {projectOptions.map((project) => (
                  <option key={project.id} value={project.jobCode}>
                    {project.jobCode} · {project.city}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {/* Last, because it defaults to now; a date-time input also takes several Tab stops of its own. */}
        <div className="row">
          <Field label={t('field.occurredAt')} required errors={errorsOf('occurredAt')}>
            {(control) => <input {...control} type="datetime-local" value={draft.occurredAt} onChange={(event) => set('occurredAt', event.target.value)} />}
          </Field>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={sending}>
            {sending ? t('saving') : t('save')}
          </button>
          <button
            type="button"
            onClick={() => {
              clearDraft(scope);
              setDraft(freshDraft(draft));
              setFieldErrors({});
            }}
          >
            {t('clear')}
          </button>
        </div>
        <div aria-live="polite" className="outcome">
          {Object.keys(fieldErrors).length > 0 ? <p className="notice notice--error">{t('fixErrors')}</p> : null}
          {savedMessage ? (
            <div className="notice notice--ok">
              <p>{savedMessage}</p>
              {outcome?.kind === 'saved' && !outcome.closed ? (
                <div className="actions">
                  <button type="button" data-close-saved onClick={() => void closeSaved()}>
                    {t('closeNow')}
                  </button>
                  <button type="button" onClick={() => formRef.current?.querySelector<HTMLElement>('[role="combobox"]')?.focus()}>
                    {t('recordAnother')}
                  </button>
                </div>
              ) : null}
            </div>
          ) : null}
          {outcome?.kind === 'queued' ? <p className="notice notice--queued">{t('queued')}</p> : null}
          {outcome?.kind === 'failed' ? <p className="notice notice--error">{t(outcome.messageKey.replace(/^errors\./, 'errors:'))}</p> : null}
        </div>
      </form>
    </section>
  );
}
