import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { ForwardedError, ResponseError } from '@backstage/errors';
import {
  DEFAULT_MAX_PAGE_SIZE,
  DEFAULT_SCANNED_KINDS,
  OverviewItem,
  Page,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import { infraComplianceFactSchema, toTechInsightFact } from './facts';

/** The retriever's id: the key of its config under `techInsights.factRetrievers`. */
export const INFRA_COMPLIANCE_FACT_RETRIEVER_ID =
  'infraComplianceFactRetriever';

/**
 * A Tech Insights fact retriever of each entity's Infra Compliance
 * results, read from the Infra Compliance backend's REST API (GET
 * /entities) with the Tech Insights plugin's service credentials.
 *
 * `kinds` are the kinds whose entities get facts (its `entityFilter`), by
 * default those the backend scans by default. Each run reads every page
 * of the overview, as large as `infraCompliance.maxPageSize` (500 unless
 * set) in the config Tech Insights runs with. An entity with no score
 * (never scanned, not scannable, or with no infrastructure code to score)
 * gets no facts.
 *
 * @public
 */
export function createInfraComplianceFactRetriever(
  options: { kinds?: readonly string[] } = {},
): FactRetriever {
  const kinds = [...(options.kinds ?? DEFAULT_SCANNED_KINDS)];
  return {
    id: INFRA_COMPLIANCE_FACT_RETRIEVER_ID,
    version: '1.0.0',
    title: 'Infra Compliance',
    description:
      "Each service's Infra Compliance grade, scores per category, open findings by severity, waived findings and last scans",
    schema: infraComplianceFactSchema,
    entityFilter: { kind: kinds },
    handler: async ctx => readFacts(ctx, kinds),
  };
}

/**
 * {@link createInfraComplianceFactRetriever} for the kinds the backend
 * scans by default (Component).
 *
 * @public
 */
// Typed, not inferred: the inferred type names the context's
// @backstage/config Config, which this package does not depend on, in its
// published type declarations.
export const infraComplianceFactRetriever: FactRetriever =
  createInfraComplianceFactRetriever();

async function readFacts(
  ctx: FactRetrieverContext,
  kinds: string[],
): Promise<TechInsightFact[]> {
  const baseUrl = await ctx.discovery.getBaseUrl('infra-compliance');
  const { token } = await ctx.auth.getPluginRequestToken({
    onBehalfOf: await ctx.auth.getOwnServiceCredentials(),
    targetPluginId: 'infra-compliance',
  });
  const limit =
    ctx.config.getOptionalNumber('infraCompliance.maxPageSize') ??
    DEFAULT_MAX_PAGE_SIZE;
  // By entity ref, from a cursor (the last ref read): entities added or
  // removed during the run shift no entity into the next page or out of it,
  // as they would with an offset.
  const facts: TechInsightFact[] = [];
  let after: string | undefined;
  for (;;) {
    const query = new URLSearchParams({
      kind: kinds.join(','),
      sort: 'ref',
      limit: String(limit),
      ...(after === undefined ? {} : { after }),
    });
    const url = `${baseUrl}/entities?${query}`;
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    }).catch(error => {
      throw new ForwardedError(
        `Infra Compliance could not be reached (GET ${url}): ${whyUnreached(
          error,
        )}`,
        error,
      );
    });
    if (!response.ok) {
      // The backend's reason is the ResponseError's cause, which Tech
      // Insights' log of the failed run would not show: said in the message.
      const error = await ResponseError.fromResponse(response);
      throw new ForwardedError(
        `Infra Compliance did not list its entities (GET ${url}): ${cutReason(
          error.cause.message,
        )}`,
        error,
      );
    }
    const page = await readPage(response, url);
    for (const item of page.items) {
      const fact = toTechInsightFact(item);
      // A service with nothing scored has no facts.
      if (fact) facts.push(fact);
    }
    // A page shorter than its limit is the last (the backend refuses a limit above its maxPageSize, read here too).
    if (page.items.length === 0 || page.items.length < page.limit) return facts;
    after = page.items[page.items.length - 1].entityRef;
  }
}

/**
 * The page of entities a successful answer holds. An answer that holds none
 * (the login page a proxy in front of the backend redirects to, the app's
 * index.html where discovery points at the frontend) fails the run saying
 * what it asked and what it got, where parsing it would say only
 * `Unexpected token '<'`, or page on forever without a limit.
 */
async function readPage(
  response: Response,
  url: string,
): Promise<Page<OverviewItem>> {
  const text = await response.text();
  let page: Partial<Page<OverviewItem>> | undefined;
  try {
    page = JSON.parse(text);
  } catch {
    page = undefined;
  }
  if (Array.isArray(page?.items) && typeof page?.limit === 'number')
    return page as Page<OverviewItem>;
  const from = response.redirected ? ` from ${response.url}` : '';
  const type = response.headers.get('content-type') ?? 'no content type';
  throw new Error(
    `Infra Compliance answered no page of entities (GET ${url}): ${cutReason(
      `${response.status} ${response.statusText}${from}, ${type}: ${text}`,
    )}`,
  );
}

/** The longest reason a run's error quotes: enough for the backend's own. */
const MAX_REASON_LENGTH = 500;

/**
 * A reason cut to {@link MAX_REASON_LENGTH}: a proxy's error page (HTML of
 * a 502) is quoted whole by `ResponseError`, and would fill the log line.
 */
function cutReason(reason: string): string {
  if (reason.length <= MAX_REASON_LENGTH) return reason;
  return `${reason.slice(0, MAX_REASON_LENGTH)}… (${
    reason.length - MAX_REASON_LENGTH
  } more characters)`;
}

/**
 * Why fetch failed: it says only "fetch failed", and why (connect
 * ECONNREFUSED, a DNS error) is its cause, which Tech Insights' log would not
 * show. A host of several addresses (localhost as ::1 and 127.0.0.1) fails
 * with an AggregateError of no message: the reason of each address tried.
 */
function whyUnreached(error: {
  message: string;
  cause?: { message?: string; errors?: unknown[] };
}): string {
  const errors = error.cause?.errors;
  if (Array.isArray(errors) && errors.length > 0)
    return errors
      .map(each => (each as Error)?.message ?? String(each))
      .join(', ');
  return error.cause?.message || error.message;
}
