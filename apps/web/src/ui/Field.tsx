import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled control with its errors, in the user's language, right beside it (and announced). */
export function Field(props: {
  label: string;
  errors?: string[];
  hint?: string;
  required?: boolean;
  children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined; required?: boolean }) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = `${id}-errors`;
  const hintId = `${id}-hint`;
  const hasErrors = Boolean(props.errors?.length);
  const describedBy = [hasErrors ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={hasErrors ? 'field field--invalid' : 'field'}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? <span className="field__required" aria-hidden="true"> *</span> : null}
      </label>
      {props.children({ id, 'aria-invalid': hasErrors, 'aria-describedby': describedBy, required: props.required })}
      {props.hint ? (
        <p id={hintId} className="field__hint">
          {props.hint}
        </p>
      ) : null}
      {hasErrors ? (
        <ul id={errorId} className="field__errors" role="alert">
          {props.errors!.map((key) => (
            <li key={key}>{t(key.replace(/^errors\./, 'errors:'))}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
