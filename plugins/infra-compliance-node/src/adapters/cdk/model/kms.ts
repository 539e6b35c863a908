/** The model of aws-kms's keys and aliases, and of the keys other constructs encrypt with (see KmsModel). */
import { Ref, Unknown, Value } from '../../../graph/values';
import { accountRoot } from './iam/documents';
import type { CdkModel } from '../constructs';
import { CallSite, JsValue, ResourceHandle } from '../../pulumi/interpreter';
import { Props } from './props';
import { GRANTS, ImportedResource, KEY_GRANTS } from './iam/grants';
import { aliasArn } from './arns';
import { KEY, KEY_ALIAS } from './resourceTypes';

export function defaultKeyPolicy(): Value {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: accountRoot(Unknown.oneValue('AWS::AccountId')) },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

/** The part of CdkModel the KMS model uses. */
type Model = Pick<
  CdkModel,
  'add' | 'byId' | 'graphValue' | 'iamModel' | 'importsModel' | 'ref'
>;

/**
 * What aws-kms constructs synthesize, and the keys other constructs make or are given: keys with their default policy,
 * aliases, the ARNs grants name a key by, and the key statements of grants on what a key encrypts.
 */
export class KmsModel {
  /** The keys the stack's queues, tables, topics and buckets are encrypted with, by id: what their grants grant on (see KEY_GRANTS). */
  readonly encryptionKeys = new Map<string, JsValue>();

  /** Each key alias of the stack's (by id): its name, and the key it names (see keyAlias). */
  readonly keyAliases = new Map<string, { name: Value; key: JsValue }>();

  constructor(private readonly model: Model) {}

  /**
   * The ARN of the key the attributes of a queue, a topic, a table, a bucket or a key alias imported name, if any: a
   * queue's and a topic's by its ARN, a table's, a bucket's and an alias's by the key (aws-sqs/lib/queue.ts,
   * aws-sns/lib/topic.ts, aws-dynamodb/lib/table.ts, aws-s3/lib/bucket.ts, aws-kms/lib/alias.ts).
   */
  importedKeyArn(attributes: Props | undefined): Value | undefined {
    if (attributes?.keyArn !== undefined)
      return this.model.ref(attributes.keyArn);
    if (attributes?.aliasTargetKey !== undefined)
      return this.grantedKeyArn(attributes.aliasTargetKey);
    return attributes?.encryptionKey === undefined
      ? undefined
      : this.grantedKeyArn(attributes.encryptionKey);
  }

  /** What a grant of a queue or a table imported grants on the key its attributes name (see KEY_GRANTS). */
  importedKeyStatements(
    { type, keyArn }: ImportedResource,
    grant: string,
  ): Props[] {
    const actions = KEY_GRANTS[type]?.[grant];
    return keyArn && actions
      ? [{ Effect: 'Allow', Action: actions, Resource: keyArn }]
      : [];
  }

  /** What a grant of a resource of the stack's grants on the key it is encrypted with, if any (see KEY_GRANTS). */
  encryptionKeyStatements(resource: ResourceHandle, grant: string): Props[] {
    const type = this.model.byId.get(resource.id)?.type;
    const actions = type === undefined ? undefined : KEY_GRANTS[type]?.[grant];
    const keyArn = this.encryptionKeys.has(resource.id)
      ? this.grantedKeyArn(this.encryptionKeys.get(resource.id))
      : undefined;
    return actions && keyArn
      ? [{ Effect: 'Allow', Action: actions, Resource: keyArn }]
      : [];
  }

  /**
   * The ARN of a key: of one of the stack's, of one imported by ARN (`Key.fromKeyArn`); of an alias, of the stack's
   * or imported by name (`Alias.fromAliasName`), the alias's ARN; another's is not known.
   */
  keyArnOf(key: JsValue): Value {
    if (key instanceof ResourceHandle && this.keyAliases.has(key.id))
      return aliasArn(this.keyAliases.get(key.id)!.name);
    if (key instanceof ResourceHandle) return new Ref(key.id, 'Arn');
    const imported =
      key instanceof Unknown
        ? this.model.importsModel.importedResources.get(key)
        : undefined;
    return imported?.type === KEY || imported?.type === KEY_ALIAS
      ? imported.arn
      : new Unknown('ARN of a key not known statically');
  }

  /**
   * The ARN of the key grants on `key` grant on: an alias's grants are its key's (aws-kms/lib/alias.ts, grant), those
   * of one imported by its attributes the key they name; those of one imported by name grant nothing (undefined), as
   * its key is not known.
   */
  private grantedKeyArn(key: JsValue): Value | undefined {
    if (key instanceof ResourceHandle && this.keyAliases.has(key.id))
      return this.grantedKeyArn(this.keyAliases.get(key.id)!.key);
    const imported =
      key instanceof Unknown
        ? this.model.importsModel.importedResources.get(key)
        : undefined;
    if (imported?.type === KEY_ALIAS) return imported.keyArn;
    return this.keyArnOf(key);
  }

  /**
   * `key.addAlias(name)` of a key of the stack's or imported by ARN (at `path`): an alias below the key, `Alias` and
   * then `Alias<name>` (aws-kms/lib/key.ts, addAlias).
   */
  addKeyAlias(
    key: ResourceHandle | Unknown,
    path: string,
    name: JsValue,
    site: CallSite,
  ): ResourceHandle {
    let own = 'Alias';
    if (this.model.byId.has(`${path}/Alias`))
      own =
        typeof name === 'string' ? `Alias${name}` : `construct@${site.line}`;
    return this.keyAlias(`${path}/${own}`, name, key, site);
  }

  /**
   * A key's alias (aws-kms/lib/alias.ts): its name, with the `alias/` CDK puts before a name written without it, and
   * the key it names.
   */
  keyAlias(
    id: string,
    name: JsValue,
    key: JsValue,
    site: CallSite,
  ): ResourceHandle {
    const aliasName =
      typeof name === 'string' && !name.startsWith('alias/')
        ? `alias/${name}`
        : name;
    this.keyAliases.set(id, {
      name: this.model.graphValue(aliasName, site.file),
      key,
    });
    return this.model.add(id, KEY_ALIAS, site, {
      AliasName: aliasName,
      TargetKeyId: this.keyArnOf(key),
    });
  }

  /**
   * `key.addToResourcePolicy(statement)` (aws-kms/lib/key.ts) of a key of the stack's, or of an alias of one, which
   * adds to its key's (aws-kms/lib/alias.ts): the statements join its KeyPolicy, at `site`. One imported has no
   * policy CDK writes.
   */
  addKeyPolicyStatements(key: JsValue, statements: JsValue[], site: CallSite) {
    const target =
      key instanceof ResourceHandle && this.keyAliases.has(key.id)
        ? this.keyAliases.get(key.id)!.key
        : key;
    const resource =
      target instanceof ResourceHandle
        ? this.model.byId.get(target.id)
        : undefined;
    if (resource?.type === KEY)
      this.model.iamModel.addPolicyStatements(
        resource,
        statements,
        site,
        'KeyPolicy',
      );
  }

  /**
   * The key a construct makes below itself (`<construct>/Key`) when asked to
   * encrypt with KMS and given none: a kms.Key with its defaults, reported
   * under its own path as a function's ServiceRole is.
   */
  createdKey(
    owner: string,
    enableKeyRotation: true | undefined,
    site: CallSite,
  ): ResourceHandle {
    return this.model.add(`${owner}/Key`, KEY, site, {
      EnableKeyRotation: enableKeyRotation,
      KeyPolicy: defaultKeyPolicy(),
    });
  }

  /**
   * What a key's grant (`grantDecrypt`…) adds to the grantee's policy: its
   * actions on the key (an imported one's ARN is not known; see grantedKeyArn for an alias's); a statement not
   * known when whether there is a key is not known (undefined).
   */
  keyGrantStatements(key: JsValue | undefined, keyGrant: string): JsValue[] {
    if (key === undefined)
      return [new Unknown(`${keyGrant} of a key that may be there`)];
    const arn = this.grantedKeyArn(key);
    return arn === undefined
      ? []
      : [{ Effect: 'Allow', Action: GRANTS[keyGrant].actions, Resource: arn }];
  }
}
