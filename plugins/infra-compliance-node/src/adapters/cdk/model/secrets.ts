/** The model of aws-secretsmanager's secrets and aws-ssm's parameters (see SecretsModel). */
import { Ref, Unknown, Value, ValueMap } from '../../../graph/values';
import { CallSite, JsValue, ResourceHandle } from '../../pulumi/interpreter';
import { stackArn } from './arns';
import { DURATION_SECONDS, Props } from './props';
import type { CdkModel } from '../constructs';
import { l1Properties } from './l1Props';
import {
  LAMBDA_FUNCTION,
  ROTATION_SCHEDULE,
  SECRET,
  SSM_PARAMETER,
} from './resourceTypes';
import { fnJoin } from './intrinsics';

/**
 * The ARN of an SSM parameter of name `name` (its reference) made with the name `given` (aws-ssm/lib/util.ts, arnForParameterName):
 * `parameter/<name>` for a simple name (no leading `/`; one CDK generates is), `parameter<name>` for a path. Of a name
 * not known statically, as `simpleName` says; where it says nothing, CDK refuses it: not known.
 */
function parameterArn(name: Ref, given: JsValue, simpleName: JsValue): Value {
  let simple: JsValue = simpleName;
  if (given === undefined) simple = true;
  else if (typeof given === 'string') simple = !given.startsWith('/');
  if (typeof simple !== 'boolean')
    return new Unknown(
      'ARN of an SSM parameter of a name not known statically',
    );
  return stackArn('ssm', [simple ? 'parameter/' : 'parameter', name]);
}

/** `Schedule.rate(duration)` of aws-events: in the largest whole unit of days, hours and minutes. */
function rotationRate(seconds: JsValue): Value {
  if (typeof seconds !== 'number') return new Unknown('rotation schedule');
  for (const [unit, size] of [
    ['day', DURATION_SECONDS.days],
    ['hour', DURATION_SECONDS.hours],
    ['minute', DURATION_SECONDS.minutes],
  ] as const) {
    if (seconds % size === 0)
      return `rate(${seconds / size} ${unit}${seconds === size ? '' : 's'})`;
  }
  return new Unknown('rotation schedule');
}

/** The part of CdkModel the secrets model uses. */
type Model = Pick<
  CdkModel,
  | 'add'
  | 'callMethod'
  | 'enumMembersRead'
  | 'escape'
  | 'graphValue'
  | 'handleOfType'
  | 'iamModel'
  | 'kmsModel'
  | 'ref'
>;

/**
 * What aws-secretsmanager's secrets and their rotation schedules, and aws-ssm's parameters, synthesize (the
 * parameters' ARNs too, which grants on them name).
 */
export class SecretsModel {
  /** The ARNs of the stack's SSM parameters, by id (see parameterArn). */
  readonly parameterArns = new Map<string, Value>();

  constructor(private readonly model: Model) {}

  /**
   * A secret (aws-secretsmanager/lib/secret.ts): a value given is its string, else Secrets Manager generates one.
   */
  secret(id: string, p: Props, site: CallSite): ResourceHandle {
    const given =
      p.secretStringValue ?? p.secretObjectValue ?? p.secretStringBeta1;
    // The secret's CfnSecret is given generateSecretString as it is.
    const value =
      given === undefined
        ? l1Properties(
            SECRET,
            {
              generateSecretString: this.model.graphValue(
                p.generateSecretString ?? {},
                site.file,
              ),
            },
            this.model.enumMembersRead,
          )
        : { SecretString: new Unknown('secret string') };
    return this.model.add(id, SECRET, site, {
      Name: p.secretName,
      Description: p.description,
      KmsKeyId:
        p.encryptionKey === undefined
          ? undefined
          : this.model.kmsModel.keyArnOf(p.encryptionKey),
      ...value,
    });
  }

  /**
   * `new StringParameter(scope, id, props)` (`StringListParameter`, of a list, joined by commas): its CfnParameter, of
   * the type given, `String` by default (aws-ssm/lib/parameter.ts); its ARN, which its grants are on, is made of its
   * name (see parameterArn).
   */
  ssmParameter(
    id: string,
    list: boolean,
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    const parameter = this.model.add(
      id,
      SSM_PARAMETER,
      site,
      l1Properties(
        SSM_PARAMETER,
        this.model.graphValue(
          {
            allowedPattern: p.allowedPattern,
            description: p.description,
            name: p.parameterName,
            tier: p.tier,
            type: list ? 'StringList' : p.type ?? 'String',
            dataType: list ? undefined : p.dataType,
            value: list ? fnJoin(',', p.stringListValue) : p.stringValue,
          },
          site.file,
        ) as ValueMap,
        this.model.enumMembersRead,
      ),
    );
    this.parameterArns.set(
      id,
      parameterArn(new Ref(id), p.parameterName, p.simpleName),
    );
    return parameter;
  }

  /**
   * A secret's rotation by a function (aws-secretsmanager/lib/rotation-schedule.ts): Secrets Manager invokes the
   * function, which CDK lets it do, and lets a function of the stack's read and write the secret.
   */
  rotationSchedule(
    id: string,
    secret: JsValue,
    p: Props,
    site: CallSite,
  ): ResourceHandle {
    const fn = p.rotationLambda;
    const ownSecret = this.model.handleOfType(secret, SECRET);
    if (this.model.handleOfType(fn, LAMBDA_FUNCTION)) {
      this.model.callMethod(
        fn,
        'grantInvoke',
        [
          this.model.iamModel.principal(
            { Service: 'secretsmanager.amazonaws.com' },
            'ServicePrincipal(secretsmanager.amazonaws.com)',
          ),
        ],
        site,
      );
      this.model.iamModel.addStatements(
        fn,
        [
          {
            Effect: 'Allow',
            Action: [
              'secretsmanager:DescribeSecret',
              'secretsmanager:GetSecretValue',
              'secretsmanager:PutSecretValue',
              'secretsmanager:UpdateSecretVersionStage',
            ],
            Resource: ownSecret
              ? new Ref(secret.id)
              : new Unknown('ARN of the rotated secret'),
          },
          {
            Effect: 'Allow',
            Action: 'secretsmanager:GetRandomPassword',
            Resource: '*',
          },
        ],
        site,
      );
    } else {
      this.model.escape([fn]);
    }
    return this.model.add(id, ROTATION_SCHEDULE, site, {
      SecretId: ownSecret
        ? new Ref(secret.id)
        : this.model.ref(secret) ?? new Unknown('secret'),
      RotationLambdaARN: this.model.ref(fn, 'Arn'),
      RotationRules:
        p.automaticallyAfter === 0
          ? undefined
          : {
              ScheduleExpression: rotationRate(
                p.automaticallyAfter ?? 30 * DURATION_SECONDS.days,
              ),
            },
      RotateImmediatelyOnUpdate: p.rotateImmediatelyOnUpdate,
    });
  }
}
