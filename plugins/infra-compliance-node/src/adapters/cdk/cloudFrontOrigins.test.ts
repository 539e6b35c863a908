/**
 * A CloudFront distribution's origins of buckets (aws-cloudfront-origins `S3BucketOrigin`): what binding them adds
 * to their buckets' policies (s3-bucket-origin.ts), as ENC-006 reads them, and what is left not known.
 */
import { Ref, Unknown, concat } from '../../graph/values';
import {
  cdkStackGraph,
  cdkStackSource,
  cdkStackFindingRows as findings,
} from '../../testing/programScans';

/** `lib/stack.ts` with `body` in the stack's constructor, from line 12. */
const stack = (body: string) =>
  cdkStackSource(
    `import * as cdk from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { SiteAuditor } from '@acme/auditing';
import { Construct } from 'constructs';
const cdn = (scope: Construct, id: string, origin: cloudfront.IOrigin) =>
  new cloudfront.Distribution(scope, id, { defaultBehavior: { origin } });`,
    body,
  );

describe('CDK CloudFront origins of buckets', () => {
  it("let CloudFront read the bucket from the distribution (origin access control) or as an identity (the deprecated S3Origin's, unless of a website): an Allow the bucket's policy holds, which denies no plain HTTP (ENC-006) unless enforceSSL adds that", () => {
    const text = stack(`    const site = new s3.Bucket(this, 'Site');
    cdn(this, 'Cdn', origins.S3BucketOrigin.withOriginAccessControl(site));
    const secure = new s3.Bucket(this, 'Secure', { enforceSSL: true });
    cdn(this, 'SecureCdn', origins.S3BucketOrigin.withOriginAccessControl(secure));
    const legacy = new s3.Bucket(this, 'Legacy');
    cdn(this, 'LegacyCdn', origins.S3BucketOrigin.withOriginAccessIdentity(legacy));
    const open = new s3.Bucket(this, 'Open');
    cdn(this, 'OpenCdn', origins.S3BucketOrigin.withBucketDefaults(open));
    const old = new s3.Bucket(this, 'Old');
    cdn(this, 'OldCdn', new origins.S3Origin(old));
    const website = new s3.Bucket(this, 'Website', { websiteIndexDocument: 'index.html' });
    cdn(this, 'WebsiteCdn', new origins.S3Origin(website));`);
    const graph = cdkStackGraph(text);
    expect(graph.get('Site/Policy')!.properties.PolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: 's3:GetObject',
          Resource: concat([new Ref('Site', 'Arn'), '/*']),
          Condition: {
            StringEquals: {
              'AWS:SourceArn': concat([
                'arn:',
                Unknown.oneValue('AWS::Partition'),
                ':cloudfront::',
                Unknown.oneValue('AWS::AccountId'),
                ':distribution/',
                new Ref('Cdn'),
              ]),
            },
          },
        },
      ],
    });
    expect(graph.get('Open/Policy')).toBeUndefined();
    // A website's origin reads its website (an HttpOrigin): its policy is left as it is.
    expect(graph.get('Website/Policy')).toBeUndefined();
    expect(findings(text, ['ENC-006'])).toEqual([
      'ENC-006 Site 12',
      'ENC-006 Legacy 16',
      'ENC-006 Open 18',
      'ENC-006 Old 20',
      'ENC-006 Website 22',
    ]);
  });

  it("leave the bucket's policy not known where CDK changes what the model does not follow: a bucket encrypted with a KMS key, access levels or props not known, an origin handed to code not modelled", () => {
    const text =
      stack(`    const sealed = new s3.Bucket(this, 'Sealed', { encryption: s3.BucketEncryption.KMS });
    cdn(this, 'SealedCdn', origins.S3BucketOrigin.withOriginAccessControl(sealed));
    const listed = new s3.Bucket(this, 'Listed');
    cdn(this, 'ListedCdn', origins.S3BucketOrigin.withOriginAccessControl(listed, { originAccessLevels: [cloudfront.AccessLevel.LIST] }));
    const configured = new s3.Bucket(this, 'Configured');
    cdn(this, 'ConfiguredCdn', origins.S3BucketOrigin.withOriginAccessControl(configured, originProps()));
    const audited = new s3.Bucket(this, 'Audited');
    new SiteAuditor(this, 'Auditor', { origin: origins.S3BucketOrigin.withOriginAccessControl(audited) });`);
    const statements = (id: string) =>
      (
        cdkStackGraph(text).get(`${id}/Policy`)!.properties.PolicyDocument as {
          Statement: unknown[];
        }
      ).Statement;
    expect(statements('Listed')[0]).toMatchObject({
      Action: new Unknown('actions of origin access levels'),
    });
    for (const id of ['Sealed', 'Configured', 'Audited'])
      expect(statements(id)).toEqual([
        new Unknown('statements added by code not modelled'),
      ]);
    expect(findings(text, ['ENC-006'])).toEqual(['ENC-006 Listed 14']);
  });
});
