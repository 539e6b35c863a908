import {
  createContext,
  ReactNode,
  useContext,
  useEffect,
  useMemo,
  useReducer,
} from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  RULE_CATALOG,
  RuleMetadata,
  SCORECARD_FORMULA,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { InfraComplianceApi, infraComplianceApiRef } from '../../api';

/** The rules as the UI reads them: the list, one rule by id, the score formula. */
export interface RuleCatalogView {
  rules: readonly RuleMetadata[];
  getRule(id: string): RuleMetadata | undefined;
  formula: string;
}

function catalogView(
  rules: readonly RuleMetadata[],
  formula: string,
): RuleCatalogView {
  const byId = new Map(rules.map(rule => [rule.id, rule]));
  return { rules, getRule: id => byId.get(id), formula };
}

const BUNDLED = catalogView(RULE_CATALOG, SCORECARD_FORMULA);

interface RulesRequest {
  /** The backend's catalog, or the bundled one when it could not be read: never fails. */
  answer: Promise<RuleCatalogView>;
  /** Once the answer is in, for components that mount after it. */
  view?: RuleCatalogView;
  failed?: boolean;
}

/**
 * The latest request per API instance. An answer is kept for the session; a
 * failure is kept too, the bundled catalog standing in, until a page mounts
 * again: each finding's panel that opened asked again, and waited for the
 * same error each time.
 */
const requests = new WeakMap<InfraComplianceApi, RulesRequest>();

/** The request on its way or answered, or a new one if there is none or it failed. */
function requestRules(api: InfraComplianceApi): RulesRequest {
  const known = requests.get(api);
  if (known && !known.failed) return known;
  const request: RulesRequest = {
    answer: api.listRules().then(
      catalog => {
        request.view = catalogView(catalog.items, catalog.formula);
        return request.view;
      },
      () => {
        request.failed = true;
        request.view = BUNDLED;
        return BUNDLED;
      },
    ),
  };
  requests.set(api, request);
  return request;
}

const PageRulesRequest = createContext<RulesRequest | undefined>(undefined);

/**
 * Asks the backend for its rules once for everything inside (a page, a tab),
 * and again, if the last request failed, only when it mounts again.
 */
export function RuleCatalogProvider(props: { children: ReactNode }) {
  const api = useApi(infraComplianceApiRef);
  const request = useMemo(() => requestRules(api), [api]);
  return (
    <PageRulesRequest.Provider value={request}>
      {props.children}
    </PageRulesRequest.Provider>
  );
}

/**
 * The rules the backend runs, with their titles, rationales and fixes, not
 * the catalog bundled here: a backend of another version runs other rules, or
 * words them otherwise. The bundled catalog stands in until the backend's
 * arrives, or when it cannot be read, so that filters and explanations always
 * work. Inside a {@link RuleCatalogProvider}, the provider's request; outside
 * one (a card), the component's own.
 */
export function useRuleCatalog(): RuleCatalogView {
  const api = useApi(infraComplianceApiRef);
  const pageRequest = useContext(PageRulesRequest);
  const request = useMemo(
    () => pageRequest ?? requestRules(api),
    [pageRequest, api],
  );
  const [, answered] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    if (request.view) return undefined;
    let mounted = true;
    request.answer.then(() => {
      if (mounted) answered();
    });
    return () => {
      mounted = false;
    };
  }, [request]);
  return request.view ?? BUNDLED;
}
