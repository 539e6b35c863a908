/** The model of aws-cognito's user pools and their Lambda triggers (see CognitoModel). */
import {
  CallSite,
  HostObject,
  JsValue,
  ResourceHandle,
  isPlainObject,
} from '../../pulumi/interpreter';
import type { CdkModel } from '../constructs';
import { Props, propsOtherThan } from './props';
import { INVOKABLE, USER_POOL } from './resourceTypes';
import { Ref, Unknown, isMap } from '../../../graph/values';

/** User pool triggers CDK writes with the version of the event Cognito sends them (aws-cognito/lib/user-pool.ts). */
export const VERSIONED_TRIGGERS = new Set([
  'customEmailSender',
  'customSmsSender',
]);

/** The operation of `UserPoolOperation.PRE_SIGN_UP` (aws-cognito/lib/user-pool.ts): `preSignUp`; undefined for one not known statically. */
export function userPoolOperation(value: JsValue): string | undefined {
  const member =
    typeof value === 'string'
      ? /^UserPoolOperation\.([A-Z_]+)$/.exec(value)?.[1]
      : undefined;
  return member
    ?.toLowerCase()
    .replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The part of CdkModel the Cognito model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'byId'
  | 'escape'
  | 'graphValue'
  | 'handleOfType'
  | 'iamModel'
  | 'importsModel'
  | 'lambdaModel'
>;

/** What aws-cognito's user pools synthesize: the pool, and its Lambda triggers with the permissions that let it invoke them. */
export class CognitoModel {
  constructor(private readonly model: Model) {}

  /**
   * `new cognito.UserPool(scope, id, props)` (aws-cognito/lib/user-pool.ts): the pool, with the key of
   * `customSenderKmsKey` and the functions of `lambdaTriggers` in its LambdaConfig, each with the permission CDK
   * adds for Cognito to invoke it. No rule judges its other props (sign-in, messages, MFA): handed on, not modelled.
   */
  userPool(id: string, p: Props, site: CallSite): ResourceHandle {
    const pool = this.model.add(id, USER_POOL, site, {
      UserPoolName: p.userPoolName,
      LambdaConfig:
        p.customSenderKmsKey === undefined
          ? undefined
          : {
              KMSKeyID: this.model.importsModel.arnOf(
                p.customSenderKmsKey,
                'key of a user pool',
              ),
            },
    });
    this.model.escape(
      propsOtherThan(p, [
        'userPoolName',
        'customSenderKmsKey',
        'lambdaTriggers',
      ]),
    );
    const triggers = p.lambdaTriggers;
    if (isPlainObject(triggers)) {
      // The senders are written with their event's version; any other, by the constructor, as its ARN only.
      for (const [name, fn] of Object.entries(triggers))
        this.addUserPoolTrigger(
          pool,
          name,
          fn,
          VERSIONED_TRIGGERS.has(name) ? 'V1_0' : undefined,
          site,
        );
    } else if (triggers !== undefined) {
      this.model.byId.get(id)!.properties.LambdaConfig = new Unknown(
        'triggers of a user pool not known statically',
      );
      this.model.escape([triggers]);
    }
    return pool;
  }

  /**
   * A trigger of a user pool for its operation (`preSignUp`; undefined: not known statically): the function in the
   * pool's LambdaConfig, as its ARN or, where `lambdaVersion` is given, with it; and the permission CDK adds below the
   * pool for Cognito to invoke it (`PreSignUpCognito`, user-pool.ts addLambdaPermission), of the pool's ARN.
   */
  addUserPoolTrigger(
    pool: ResourceHandle,
    operation: string | undefined,
    fn: JsValue,
    lambdaVersion: JsValue,
    site: CallSite,
  ): void {
    const resource = this.model.byId.get(pool.id)!;
    const arn = this.model.importsModel.arnOf(
      fn,
      'function of a user pool trigger',
    );
    const config = resource.properties.LambdaConfig ?? {};
    if (operation === undefined)
      resource.properties.LambdaConfig = new Unknown(
        'trigger of a user pool not known statically',
      );
    else if (isMap(config)) {
      // CloudFormation's name of the SMS sender's is not its operation's.
      const key =
        operation === 'customSmsSender'
          ? 'CustomSMSSender'
          : `${operation[0].toUpperCase()}${operation.slice(1)}`;
      config[key] = this.model.graphValue(
        lambdaVersion === undefined
          ? arn
          : { LambdaArn: arn, LambdaVersion: lambdaVersion },
        resource.file,
      );
      resource.properties.LambdaConfig = config;
    }
    if (!this.model.handleOfType(fn, INVOKABLE)) {
      this.model.escape([fn]);
      return;
    }
    const permissionId =
      operation === undefined
        ? undefined
        : `${operation[0].toUpperCase()}${operation.slice(1)}Cognito`;
    this.model.lambdaModel.functionPermission(
      fn,
      permissionId,
      {
        principal: this.model.iamModel.principal(
          { Service: 'cognito-idp.amazonaws.com' },
          'ServicePrincipal(cognito-idp.amazonaws.com)',
        ),
        sourceArn: new Ref(pool.id, 'Arn'),
        scope: new HostObject('scope', { path: pool.id }),
      },
      site,
    );
  }
}
