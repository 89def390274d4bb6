import type { ComponentProps, ReactNode } from 'react';
import { useT } from '../app/i18n/useT';

interface FieldFrame {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  optional?: boolean;
}

/** ids of the hint and error that describe a control, for aria-describedby. */
function describedBy(f: FieldFrame): string | undefined {
  const ids = [f.hint ? `${f.id}-hint` : null, f.error ? `${f.id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Frame({ frame, children }: { frame: FieldFrame; children: ReactNode }) {
  const t = useT();
  return (
    <div className={frame.error ? 'field field-invalid' : 'field'}>
      <label htmlFor={frame.id} className="field-label">
        {frame.label}
        {frame.optional && <span className="field-optional"> {t('common.optional')}</span>}
      </label>
      {frame.hint && (
        <p id={`${frame.id}-hint`} className="field-hint">
          {frame.hint}
        </p>
      )}
      {frame.error && (
        <p id={`${frame.id}-error`} className="field-error">
          {frame.error}
        </p>
      )}
      {children}
    </div>
  );
}

function controlProps(f: FieldFrame) {
  return {
    id: f.id,
    'aria-describedby': describedBy(f),
    'aria-invalid': f.error ? (true as const) : undefined,
    required: !f.optional,
  };
}

type Own = 'id' | 'required';

/** What an authenticator-code input needs (a 6-digit code; 7 allows a pasted space): spread onto a TextField. */
export const ONE_TIME_CODE_INPUT = {
  name: 'code',
  inputMode: 'numeric',
  autoComplete: 'one-time-code',
  pattern: '[0-9]*',
  maxLength: 7,
  className: 'input input-code input-otp',
} as const;

export function TextField({ frame, ...input }: { frame: FieldFrame } & Omit<ComponentProps<'input'>, Own>) {
  return (
    <Frame frame={frame}>
      <input className="input" {...input} {...controlProps(frame)} />
    </Frame>
  );
}

export function TextAreaField({ frame, ...area }: { frame: FieldFrame } & Omit<ComponentProps<'textarea'>, Own>) {
  return (
    <Frame frame={frame}>
      <textarea className="input textarea" {...area} {...controlProps(frame)} />
    </Frame>
  );
}

export function SelectField({
  frame,
  children,
  ...select
}: { frame: FieldFrame; children: ReactNode } & Omit<ComponentProps<'select'>, Own>) {
  return (
    <Frame frame={frame}>
      <select className="input select" {...select} {...controlProps(frame)}>
        {children}
      </select>
    </Frame>
  );
}

interface RadioOption {
  value: string;
  label: string;
  lang?: string;
}

/** A fieldset of radios; the legend is the question. */
export function RadioGroupField({
  id,
  legend,
  name,
  value,
  options,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  name: string;
  value: string;
  options: RadioOption[];
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset
      id={id}
      className={error ? 'field field-invalid radio-group' : 'field radio-group'}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field-label">{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <div className="radio-row">
        {options.map((o) => (
          <label key={o.value} className="radio" lang={o.lang}>
            <input type="radio" id={`${id}-${o.value}`} name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
