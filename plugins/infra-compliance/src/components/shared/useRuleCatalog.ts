import { useEffect, useState } from 'react';
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
  answer: Promise<RuleCatalogView>;
  /** Once the answer is in, for components that mount after it. */
  view?: RuleCatalogView;
}

/**
 * The backend's answer per API instance, asked once for every component that
 * shows rules (each finding's panel, each failing rule's tooltip). A failed
 * request is forgotten, so that the next component to mount asks again.
 */
const requests = new WeakMap<InfraComplianceApi, RulesRequest>();

function requestRules(api: InfraComplianceApi): RulesRequest {
  const known = requests.get(api);
  if (known) return known;
  const request: RulesRequest = {
    answer: api.listRules().then(
      catalog => {
        request.view = catalogView(catalog.items, catalog.formula);
        return request.view;
      },
      error => {
        requests.delete(api);
        throw error;
      },
    ),
  };
  requests.set(api, request);
  return request;
}

/**
 * The rules the backend runs, with their titles, rationales and fixes, not
 * the catalog bundled here: a backend of another version runs other rules, or
 * words them otherwise. The bundled catalog stands in until the backend's
 * arrives, or when it cannot be read, so that filters and explanations always
 * work.
 */
export function useRuleCatalog(): RuleCatalogView {
  const api = useApi(infraComplianceApiRef);
  const [view, setView] = useState(() => requests.get(api)?.view ?? BUNDLED);
  useEffect(() => {
    let mounted = true;
    const request = requestRules(api);
    setView(request.view ?? BUNDLED);
    request.answer.then(
      answer => {
        if (mounted) setView(answer);
      },
      () => {
        // The bundled catalog stays.
      },
    );
    return () => {
      mounted = false;
    };
  }, [api]);
  return view;
}
