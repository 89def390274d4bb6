import { Fragment, type ReactNode } from 'react';
import type { En, MessageKey, ParamsOf } from './catalog';
import { useI18n } from './useT';

/**
 * A message whose parameters are elements, e.g. a phone link inside a sentence:
 * `<Trans k="locations.byPhone" values={{ phone: <PhoneLink ... /> }} />`.
 */
export function Trans<K extends MessageKey>({ k, values }: { k: K; values: Record<ParamsOf<En[K]>, ReactNode> }) {
  const { t } = useI18n();
  // Translate with placeholders kept, then splice the elements in.
  const names = Object.keys(values) as ParamsOf<En[K]>[];
  const keep = Object.fromEntries(names.map((n) => [n, `{${n}}`]));
  const text = (t as (key: MessageKey, params?: Record<string, string>) => string)(k, keep);
  const pieces = text.split(/(\{\w+\})/);
  return (
    <>
      {pieces.map((piece, i) => {
        const name = /^\{(\w+)\}$/.exec(piece)?.[1];
        const value = name !== undefined ? (values as Record<string, ReactNode>)[name] : undefined;
        return <Fragment key={i}>{value !== undefined ? value : piece}</Fragment>;
      })}
    </>
  );
}
