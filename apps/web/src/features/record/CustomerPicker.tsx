import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegionApi } from '../../shell/context.tsx';

export interface PickedCustomer {
  id: string;
  code: string;
  name: string;
  nameLatin: string | null;
}

/** True while an input method (Chinese, Japanese …) is composing: Enter then confirms text, never acts. */
export function isComposing(event: KeyboardEvent): boolean {
  return event.nativeEvent.isComposing || event.keyCode === 229;
}

/**
 * Combobox searching customers by any part of any name, in any script, or by code. It searches after
 * an IME composition ends, not on every half-formed keystroke.
 */
export function CustomerPicker(props: {
  id: string;
  value: PickedCustomer | null;
  onChange(customer: PickedCustomer | null): void;
  invalid?: boolean;
  describedBy?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('records');
  const api = useRegionApi();
  const listId = useId();
  const [text, setText] = useState(props.value ? props.value.name : '');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const composing = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (composing.current) return;
    const timer = setTimeout(() => setQuery(text.trim()), 150);
    return () => clearTimeout(timer);
  }, [text]);

  const search = useQuery({
    queryKey: ['customers.list', query],
    enabled: open && query.length > 0,
    queryFn: () => api.customers.list.query({ query, limit: 8 }),
  });
  const options = search.data?.items ?? [];

  function choose(index: number) {
    const chosen = options[index];
    if (!chosen) return;
    props.onChange({ id: chosen.id, code: chosen.code, name: chosen.name, nameLatin: chosen.nameLatin });
    setText(chosen.name);
    setOpen(false);
    // Choosing is the end of this field: go straight on to the next one (one keystroke fewer per record).
    const input = inputRef.current;
    const fields = input?.form ? [...input.form.querySelectorAll<HTMLElement>('input, select, textarea, button')] : [];
    fields[fields.indexOf(input!) + 1]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (isComposing(event)) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, Math.max(options.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && open && options.length > 0) {
      event.preventDefault();
      choose(active);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  }

  return (
    <div className="combobox">
      <input
        id={props.id}
        ref={inputRef}
        role="combobox"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={props.invalid}
        aria-describedby={props.describedBy}
        autoComplete="off"
        autoFocus={props.autoFocus}
        dir="auto"
        value={text}
        placeholder={t('customerSearchPlaceholder')}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(0);
          if (props.value) props.onChange(null);
        }}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={(event) => {
          composing.current = false;
          setQuery(event.currentTarget.value.trim());
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && query ? (
        <ul id={listId} role="listbox" className="combobox__list" aria-label={t('customerResults')}>
          {search.isLoading ? <li className="combobox__note">{t('app:status.loading')}</li> : null}
          {!search.isLoading && options.length === 0 ? <li className="combobox__note">{t('noCustomerFound')}</li> : null}
          {options.map((option, index) => (
            <li
              key={option.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'combobox__option combobox__option--active' : 'combobox__option'}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(index);
              }}
            >
              <span dir="auto" className="name">{option.name}</span>
              {option.nameLatin && option.nameLatin !== option.name ? <span dir="auto" className="latin">{option.nameLatin}</span> : null}
              <span className="code">{option.code}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
