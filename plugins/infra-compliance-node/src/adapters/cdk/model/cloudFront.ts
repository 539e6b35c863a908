/** The model of aws-cloudfront's distributions (see CloudFrontModel). */
import {
  CallSite,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import { Unknown, Value, ValueMap } from '../../../graph/values';
import { ref } from './arns';
import type { CdkModel } from '../constructs';
import { Props } from './props';
import { DISTRIBUTION } from './resourceTypes';

/** `LambdaEdgeEventType.VIEWER_REQUEST` as CloudFormation writes it: `viewer-request`. */
function edgeEventType(value: JsValue): Value {
  const member =
    typeof value === 'string'
      ? /^LambdaEdgeEventType\.([A-Z_]+)$/.exec(value)?.[1]
      : undefined;
  return member
    ? member.toLowerCase().replace(/_/g, '-')
    : toGraphValue(value, ref) ?? null;
}

/** The part of CdkModel the CloudFront model uses. */
type Model = Pick<CdkModel, 'add' | 'escape' | 'ref'>;

/** What aws-cloudfront's distributions synthesize: the distribution, with the Lambda@Edge functions of its behaviours. */
export class CloudFrontModel {
  constructor(private readonly model: Model) {}

  /**
   * A CloudFront distribution, for the functions its behaviours run at the
   * edge, which CloudFront calls and waits for: `edgeLambdas` of a
   * Distribution's behaviours, `lambdaFunctionAssociations` of a
   * CloudFrontWebDistribution's. What its origins do to buckets is not modelled.
   */
  distribution(
    id: string,
    p: Props,
    args: JsValue[],
    site: CallSite,
    web: boolean,
  ): ResourceHandle {
    let behaviours: JsValue[];
    if (web) {
      const origins = Array.isArray(p.originConfigs) ? p.originConfigs : [];
      behaviours = origins.flatMap(origin =>
        isPlainObject(origin) && Array.isArray(origin.behaviors)
          ? origin.behaviors
          : [],
      );
    } else {
      behaviours = [
        p.defaultBehavior,
        ...(isPlainObject(p.additionalBehaviors)
          ? Object.values(p.additionalBehaviors)
          : []),
      ];
    }
    const isDefault = (value: JsValue, index: number) =>
      web
        ? isPlainObject(value) && value.isDefaultBehavior === true
        : index === 0;
    this.model.escape(args);
    // A CloudFrontWebDistribution's resource is its `CFDistribution` (web-distribution.ts), a Distribution's its `Resource`.
    return this.model.add(
      web ? `${id}/CFDistribution` : id,
      DISTRIBUTION,
      site,
      {
        DistributionConfig: {
          DefaultCacheBehavior: this.edgeBehaviour(
            behaviours.find(isDefault),
            web,
          ),
          CacheBehaviors: behaviours
            .filter((value, index) => !isDefault(value, index))
            .map(value => this.edgeBehaviour(value, web)),
        },
      },
    );
  }

  /** A behaviour's functions at the edge, as CloudFormation's LambdaFunctionAssociations. */
  edgeBehaviour(behaviour: JsValue, web: boolean): ValueMap {
    const edges = isPlainObject(behaviour)
      ? behaviour[web ? 'lambdaFunctionAssociations' : 'edgeLambdas']
      : undefined;
    const associations = (Array.isArray(edges) ? edges : [])
      .filter(isPlainObject)
      .map(edge => ({
        EventType: edgeEventType(edge.eventType),
        LambdaFunctionARN:
          this.model.ref(web ? edge.lambdaFunction : edge.functionVersion) ??
          new Unknown('edge function'),
      }));
    return associations.length > 0
      ? { LambdaFunctionAssociations: associations }
      : {};
  }
}
