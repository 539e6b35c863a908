/** The model of aws-cloudfront's distributions (see CloudFrontModel). */
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
  toGraphValue,
} from '../../pulumi/interpreter';
import {
  Ref,
  Unknown,
  Value,
  ValueMap,
  concat,
  getPath,
} from '../../../graph/values';
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

/** How each `S3BucketOrigin` factory (aws-cloudfront-origins/lib/s3-bucket-origin.ts) lets CloudFront read its bucket. */
const BUCKET_ACCESS: Record<string, 'control' | 'identity' | 'none'> = {
  withOriginAccessControl: 'control',
  withOriginAccessIdentity: 'identity',
  withBucketDefaults: 'none',
};

/**
 * `origins.S3BucketOrigin.withOriginAccessControl(bucket, props)` and its other factories: a distribution's origin
 * of a bucket, which the distribution lets read it (see CloudFrontModel.bucketOrigins); undefined for another method.
 */
export function s3BucketOrigin(
  method: string,
  bucket: JsValue,
  props: JsValue,
): HostObject | undefined {
  const access = BUCKET_ACCESS[method];
  return access && new HostObject('s3Origin', { bucket, access, props });
}

/** The origins of buckets of a distribution's behaviours, each once. */
function bucketOriginsOf(behaviours: JsValue[]): HostObject[] {
  const origins = behaviours.flatMap(behaviour =>
    isPlainObject(behaviour) &&
    behaviour.origin instanceof HostObject &&
    behaviour.origin.kind === 's3Origin'
      ? [behaviour.origin]
      : [],
  );
  return [...new Set(origins)];
}

/** The part of CdkModel the CloudFront model uses. */
type Model = Pick<CdkModel, 'add' | 'byId' | 'escape' | 'iamModel' | 'ref'>;

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
    const origins = bucketOriginsOf(behaviours);
    // Its origins of buckets are bound here, not by code not modelled.
    origins.forEach(origin => (origin.data.bound = true));
    this.model.escape(args);
    // A CloudFrontWebDistribution's resource is its `CFDistribution` (web-distribution.ts), a Distribution's its `Resource`.
    const distribution = this.model.add(
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
    this.bucketOrigins(distribution, origins, site);
    return distribution;
  }

  /**
   * What the distribution's origins of buckets (`S3BucketOrigin`) add to their buckets' policies as it binds them
   * (s3-bucket-origin.ts): with origin access control, a statement letting CloudFront read the objects (as the
   * access levels given say, by default get them) from this distribution; with an origin access identity, letting
   * that identity get them. A bucket encrypted with a KMS key (whose policy CDK changes too), or of props not known
   * statically, is handed to code not modelled.
   */
  private bucketOrigins(
    distribution: ResourceHandle,
    origins: HostObject[],
    site: CallSite,
  ): void {
    for (const origin of origins) {
      const { bucket, access, props } = origin.data;
      if (access === 'none') continue;
      const encryption =
        bucket instanceof ResourceHandle
          ? getPath(this.model.byId.get(bucket.id)?.properties ?? {}, [
              'BucketEncryption',
              'ServerSideEncryptionConfiguration',
              0,
              'ServerSideEncryptionByDefault',
              'SSEAlgorithm',
            ])
          : undefined;
      if (
        !(bucket instanceof ResourceHandle) ||
        (encryption !== undefined && encryption !== 'AES256') ||
        (props !== undefined && !isPlainObject(props))
      ) {
        this.model.escape([bucket, props]);
        continue;
      }
      const objects = concat([new Ref(bucket.id, 'Arn'), '/*']);
      this.model.iamModel.addResourcePolicyStatements(
        bucket,
        [
          access === 'control'
            ? {
                Effect: 'Allow',
                Principal: { Service: 'cloudfront.amazonaws.com' },
                Action:
                  props?.originAccessLevels === undefined
                    ? 's3:GetObject'
                    : new Unknown('actions of origin access levels'),
                Resource:
                  props?.originAccessLevels === undefined
                    ? objects
                    : new Unknown('resources of origin access levels'),
                Condition: {
                  StringEquals: {
                    'AWS:SourceArn': concat([
                      'arn:',
                      Unknown.oneValue('AWS::Partition'),
                      ':cloudfront::',
                      Unknown.oneValue('AWS::AccountId'),
                      ':distribution/',
                      new Ref(distribution.id),
                    ]),
                  },
                },
              }
            : {
                Effect: 'Allow',
                Principal: {
                  CanonicalUser: new Unknown('origin access identity'),
                },
                Action: 's3:GetObject',
                Resource: objects,
              },
        ],
        site,
      );
    }
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
