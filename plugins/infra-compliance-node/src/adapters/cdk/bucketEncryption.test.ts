import {
  cdkStackGraph,
  cdkStackSource,
  scanCdkStack,
} from '../../testing/programScans';
import { Ref } from '../../graph/values';

const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';`,
    body,
  );

const KEY_ARN =
  'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('CDK bucket encryption', () => {
  it('writes the BucketEncryption a bucket synthesizes: the key given, or one the bucket creates, for KMS (aws-s3/lib/bucket.ts, parseEncryption)', () => {
    const body = `    new s3.Bucket(this, 'Created', { encryption: s3.BucketEncryption.KMS, bucketKeyEnabled: true });
    const key = kms.Key.fromKeyArn(this, 'Shared', '${KEY_ARN}');
    new s3.Bucket(this, 'Given', { encryptionKey: key });
    new s3.Bucket(this, 'Managed', { encryption: s3.BucketEncryption.S3_MANAGED });
    new s3.Bucket(this, 'Plain');`;
    const graph = cdkStackGraph(stack(body));
    const encryption = (id: string) =>
      graph.get(id)!.properties.BucketEncryption;
    const byDefault = (settings: object, bucketKey?: boolean) => ({
      ServerSideEncryptionConfiguration: [
        {
          BucketKeyEnabled: bucketKey,
          ServerSideEncryptionByDefault: settings,
        },
      ],
    });
    expect(encryption('Created')).toEqual(
      byDefault(
        {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: new Ref('Created/Key', 'Arn'),
        },
        true,
      ),
    );
    expect(encryption('Given')).toEqual(
      byDefault({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN }),
    );
    expect(encryption('Managed')).toEqual(
      byDefault({ SSEAlgorithm: 'AES256' }),
    );
    expect(encryption('Plain')).toBeUndefined();
    expect(graph.get('Created/Key')?.properties.EnableKeyRotation).toBe(true);
    expect(
      scanCdkStack(stack(body), ['OPS-002']).map(f => [f.resourceId, f.line]),
    ).toEqual([['Given', 10]]);
  });
});
