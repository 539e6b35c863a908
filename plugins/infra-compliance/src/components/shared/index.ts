export { GradeBadge } from './GradeBadge';
export { ScoreFormulaInfo, SCORE_FORMULA_LABEL } from './ScoreFormulaInfo';
export { SeverityChip, SeverityCounts } from './SeverityChip';
export { SecondaryText } from './SecondaryText';
export { readableErrorText, readableSecondaryText } from './readableText';
export { BreakableId, BreakablePath } from './BreakableId';
export { Status } from './Status';
export { DateTimeText } from './DateTimeText';
export { isUserRef, UserLink } from './UserLink';
export {
  ScoreSparkline,
  OpenedResolvedBars,
  OPENED_RESOLVED_TITLE,
} from './TrendCharts';
export {
  SCORED_CATEGORIES,
  categoryTitle,
  formatDateTime,
  formatDay,
  formatElapsed,
  formatLocalDay,
  formatTimeAgo,
  lastReadScan,
  noCodeRead,
  noScoreReason,
  notJudged,
  scanChanges,
  serviceLink,
  shortRef,
} from './format';
export {
  pagedTableData,
  pagedTableOptions,
  readTablePaging,
  requestedPaging,
  sortedAs,
  TABLE_PAGE_SIZES,
  TABLE_PAGING,
  WHOLE_WORDS,
} from './pagedTableData';
export { pagedTableComponents } from './TablePager';
export { ShownTableSort } from './sortedHeaders';
export { RollupSummary } from './RollupSummary';
export { ScoreBar } from './ScoreBar';
export { useFocusRingStyles } from './focusRing';
export { useCardListStyles } from './cardListStyles';
export { visuallyHidden } from './visuallyHidden';
export {
  isScanActive,
  latestScan,
  SCAN_POLL_INTERVAL_MS,
  withScanEnded,
} from './isScanActive';
export { busyButtonProps } from './busyButtonProps';
export { useTableReload } from './useTableReload';
export { useMinuteClock } from './useMinuteClock';
export { usePagedTableStatus } from './usePagedTableStatus';
export { RuleCatalogProvider, useRuleCatalog } from './useRuleCatalog';
export type { RuleCatalogView } from './useRuleCatalog';
export type { NotJudged } from './format';
export { useQueryFilters } from './useQueryFilters';
export { TableLoadError } from './TableLoadError';
export { LoadError } from './LoadError';
export { RefreshWarning } from './RefreshWarning';
export {
  CARD_TITLE_HEADING,
  CardSubheading,
  PanelTitlesAsH2,
} from './headings';
export {
  IDLE_RECHECK_MS,
  RETURN_RECHECK_AFTER_MS,
  useEntityScorecard,
} from './useEntityScorecard';
export { setVisibleTimeout } from './pageVisibility';
