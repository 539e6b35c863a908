/** The model of aws-s3's buckets (see S3Model). */
import { CallSite, JsValue, ResourceHandle } from '../../pulumi/interpreter';
import { Ref, Unknown, concat } from '../../../graph/values';
import type { CdkModel } from '../constructs';
import { Props } from './props';

/** `autoDeleteObjects: true` tags the bucket (`aws-cdk:auto-delete-objects`) for the custom resource that empties it. */
function autoDeleteTags(autoDeleteObjects: JsValue): JsValue {
  if (autoDeleteObjects === undefined || autoDeleteObjects === false)
    return undefined;
  return autoDeleteObjects === true
    ? [{ Key: 'aws-cdk:auto-delete-objects', Value: 'true' }]
    : new Unknown('autoDeleteObjects');
}

/** The part of CdkModel the S3 model uses. */
type Model = Pick<CdkModel, 'add' | 'iamModel' | 'kmsModel'>;

/** What aws-s3's buckets synthesize: the bucket, its encryption and key, and the statements of its policy `enforceSSL` adds. */
export class S3Model {
  /** The ids of the buckets that host a website (`websiteIndexDocument`, `websiteRedirect`). */
  private readonly websites = new Set<string>();

  constructor(private readonly model: Model) {}

  /** Whether a bucket of the stack hosts a website (aws-s3/lib/bucket.ts, isWebsite); undefined for another. */
  hostsWebsite(bucket: JsValue): boolean | undefined {
    if (!(bucket instanceof ResourceHandle)) return undefined;
    return this.websites.has(bucket.id);
  }

  /**
   * A bucket, with the encryption its props synthesize (see {@link bucketEncryption}), and the policy `enforceSSL`
   * gives it (a deny of insecure transport). The key it is given or creates is what its grants grant on (see KEY_GRANTS).
   */
  bucket(id: string, p: Props, site: CallSite): ResourceHandle {
    const encryption = this.bucketEncryption(id, p, site);
    const bucket = this.model.add(id, 'AWS::S3::Bucket', site, {
      BucketName: p.bucketName,
      BucketEncryption: encryption,
      VersioningConfiguration:
        p.versioned === true ? { Status: 'Enabled' } : undefined,
      Tags: autoDeleteTags(p.autoDeleteObjects),
    });
    if (p.websiteIndexDocument !== undefined || p.websiteRedirect !== undefined)
      this.websites.add(id);
    if (
      p.enforceSSL !== undefined &&
      p.enforceSSL !== true &&
      p.enforceSSL !== false
    ) {
      this.model.iamModel.addResourcePolicyStatements(bucket, [
        new Unknown('enforceSSL not known statically'),
      ]);
    } else if (p.enforceSSL === true) {
      this.model.iamModel.addResourcePolicyStatements(
        bucket,
        [
          {
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [new Ref(id, 'Arn'), concat([new Ref(id, 'Arn'), '/*'])],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
        site,
      );
    }
    return bucket;
  }

  /**
   * The BucketEncryption a Bucket's props synthesize (aws-s3/lib/bucket.ts, parseEncryption): `encryption`, else
   * KMS with an `encryptionKey`, else none. KMS and DSSE use the key given, else one the bucket creates (KMS's with
   * rotation); a key with another encryption fails the synth, and so is not known.
   */
  private bucketEncryption(id: string, p: Props, site: CallSite): JsValue {
    const encryption =
      p.encryption ??
      (p.encryptionKey === undefined
        ? 'BucketEncryption.UNENCRYPTED'
        : 'BucketEncryption.KMS');
    const algorithms: Record<string, string> = {
      'BucketEncryption.KMS': 'aws:kms',
      'BucketEncryption.DSSE': 'aws:kms:dsse',
      'BucketEncryption.S3_MANAGED': 'AES256',
      'BucketEncryption.KMS_MANAGED': 'aws:kms',
      'BucketEncryption.DSSE_MANAGED': 'aws:kms:dsse',
    };
    const withKey =
      encryption === 'BucketEncryption.KMS' ||
      encryption === 'BucketEncryption.DSSE';
    if (encryption === 'BucketEncryption.UNENCRYPTED' && !p.bucketKeyEnabled)
      return p.encryptionKey === undefined
        ? undefined
        : new Unknown('bucket encryption');
    if (
      typeof encryption !== 'string' ||
      !(encryption in algorithms) ||
      (p.encryptionKey !== undefined && !withKey)
    )
      return new Unknown('bucket encryption');
    let key: JsValue;
    if (withKey) {
      key =
        p.encryptionKey ??
        this.model.kmsModel.createdKey(
          id,
          encryption === 'BucketEncryption.KMS' ? true : undefined,
          site,
        );
      this.model.kmsModel.encryptionKeys.set(id, key);
    }
    return {
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: p.bucketKeyEnabled,
          ServerSideEncryptionByDefault: {
            SSEAlgorithm: algorithms[encryption],
            KMSMasterKeyID: withKey
              ? this.model.kmsModel.keyArnOf(key)
              : undefined,
          },
        },
      ],
    };
  }
}
