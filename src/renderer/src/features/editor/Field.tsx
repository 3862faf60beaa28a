import { Space } from 'antd';
import { memo, type ReactNode } from 'react';
import { useSlots } from '../../slots';

/**
 * Marks a part of the form as the field `name` (as rule packs name fields): jumpTo finds it, and
 * focus inside it tells the guide and checks where the user is working (see fieldOf).
 */
export function Field({ name, children }: { name: string; children: ReactNode }) {
  return <div data-field={name}>{children}</div>;
}

/** The field an element belongs to: the nearest data-field around it. */
export function fieldOf(el: EventTarget | null): string | null {
  return el instanceof Element ? (el.closest('[data-field]')?.getAttribute('data-field') ?? null) : null;
}

/** A label followed by whatever features add for this field (a length counter, for instance). */
export const FieldLabel = memo(function FieldLabel({ field, children }: { field: string; children: ReactNode }) {
  const { fieldAddons } = useSlots();
  if (fieldAddons.length === 0) return <>{children}</>;
  return (
    <Space size={8}>
      {children}
      {fieldAddons.map((Addon, i) => (
        <Addon key={i} field={field} />
      ))}
    </Space>
  );
});
