import {
  CATEGORIES,
  Category,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';

/** The categories shown as tiles and bars (`parsing` only appears as findings). */
export const SCORED_CATEGORIES = CATEGORIES.filter(c => c.id !== 'parsing');

export function categoryTitle(id: Category | string): string {
  return CATEGORIES.find(c => c.id === id)?.title ?? id;
}

/** A date (or date-time) as `2026-11-23`, or "—" when missing. */
export function formatDay(value: string | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

/** Humanized entity ref: `group:default/payments-team` → `payments-team`. */
export function shortRef(ref: string | undefined): string {
  if (!ref) return '—';
  const name = ref.slice(ref.indexOf(':') + 1);
  return name.startsWith('default/') ? name.slice('default/'.length) : name;
}
