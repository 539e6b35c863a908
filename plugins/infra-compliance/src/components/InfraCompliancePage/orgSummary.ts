import type { GroupRollup, OverviewItem, TimelineDay } from '../../api';

export interface TeamRow {
  owner: string;
  services: number;
  scanned: number;
  averageScore: number | null;
  openCritical: number;
  openTotal: number;
}

/** Per-owner figures of the listed services, best average score first. */
export function teamLeaderboard(items: OverviewItem[]): TeamRow[] {
  const byOwner = new Map<string, OverviewItem[]>();
  for (const item of items) {
    const owner = item.owner ?? 'unowned';
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
  }
  const rows = [...byOwner].map(([owner, services]) => {
    const scores = services
      .map(s => s.score)
      .filter((score): score is number => score !== null);
    return {
      owner,
      services: services.length,
      scanned: scores.length,
      averageScore: scores.length
        ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length)
        : null,
      openCritical: services.reduce((n, s) => n + (s.open?.critical ?? 0), 0),
      openTotal: services.reduce((n, s) => n + (s.open?.total ?? 0), 0),
    };
  });
  return rows.sort((a, b) => (b.averageScore ?? -1) - (a.averageScore ?? -1));
}

/**
 * The owners whose roll-ups do not overlap: an owner that is inside another
 * owner's roll-up (a child team) is already counted there.
 */
export function topLevelRollups(rollups: GroupRollup[]): GroupRollup[] {
  return rollups.filter(
    rollup =>
      !rollups.some(
        other => other !== rollup && other.groups.includes(rollup.group),
      ),
  );
}

/** Opened and resolved per day, summed over roll-ups. */
export function mergeTimelines(rollups: GroupRollup[]): TimelineDay[] {
  const byDay = new Map<string, TimelineDay>();
  for (const day of rollups.flatMap(r => r.timeline)) {
    const entry = byDay.get(day.day) ?? {
      day: day.day,
      opened: 0,
      resolved: 0,
    };
    entry.opened += day.opened;
    entry.resolved += day.resolved;
    byDay.set(day.day, entry);
  }
  return [...byDay.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/** The rules with the most open findings, summed over roll-ups. */
export function mergeTopRules(
  rollups: GroupRollup[],
  count = 10,
): { ruleId: string; title?: string; open: number }[] {
  const byRule = new Map<
    string,
    { ruleId: string; title?: string; open: number }
  >();
  for (const rule of rollups.flatMap(r => r.topRules)) {
    const entry = byRule.get(rule.ruleId) ?? { ...rule, open: 0 };
    entry.open += rule.open;
    byRule.set(rule.ruleId, entry);
  }
  return [...byRule.values()].sort((a, b) => b.open - a.open).slice(0, count);
}
