import { lineOfPath } from '../graph/locations';
import { Unknown, Value } from '../graph/values';
import { mergePolicyDocuments, mergedDocuments } from './policyDocuments';

const statement = (action: string, sid?: string) => ({ ...(sid === undefined ? {} : { Sid: sid }), Effect: 'Allow', Action: action, Resource: '*' });
const documentOf = (...statements: Value[]) => ({ Version: '2012-10-17', Statement: statements });
/** Each document of a list argument, read as it is. */
const documents = (value: Value, line?: number) => mergedDocuments(value, { argument: 'documents', list: true, line, read: document => document });

describe('mergePolicyDocuments', () => {
  it('puts the sources first, then the own statements, then the overrides; a Sid replaces the first of its Sid in its place', () => {
    const merged = mergePolicyDocuments(
      documentOf(statement('logs:PutLogEvents', 'Logs'), statement('s3:*'), statement('sqs:*', 'Queue')),
      3,
      documents([documentOf(statement('logs:*', 'Logs'), statement('kms:*'))]),
      documents([documentOf(statement('sqs:SendMessage', 'Queue'), statement('dynamodb:*'))]),
    );
    expect(merged.Statement).toEqual([
      statement('logs:PutLogEvents', 'Logs'),
      statement('kms:*'),
      statement('s3:*'),
      statement('sqs:SendMessage', 'Queue'),
      statement('dynamodb:*'),
    ]);
  });

  it('keeps statements a source repeats the Sid of, and those the document repeats the Sid of, as the provider refuses them', () => {
    const base = documentOf(statement('sns:*', 'Shared'));
    const merged = mergePolicyDocuments(documentOf(statement('s3:*', 'Own'), statement('s3:GetObject', 'Own')), 1, documents([base, base]), []);
    expect(merged.Statement).toEqual([statement('sns:*', 'Shared'), statement('sns:*', 'Shared'), statement('s3:*', 'Own'), statement('s3:GetObject', 'Own')]);
  });

  it('makes each statement a document not known may replace not known, and skips empty and null documents', () => {
    const merged = mergePolicyDocuments(
      documentOf(statement('ec2:*', 'Mine'), statement('ssm:*')),
      1,
      documents([null, documentOf()]),
      documents([new Unknown('output')]),
    );
    expect(merged.Statement).toEqual([
      new Unknown('a statement a merged policy document may replace'),
      statement('ssm:*'),
      new Unknown('a merged policy document not known statically'),
    ]);
    expect(mergePolicyDocuments(documentOf(), 1, documents(new Unknown('list')), []).Statement).toEqual([new Unknown('documents not known statically')]);
  });

  it('records the line of each merged statement, its document argument standing for one without a line', () => {
    const list = [documentOf(statement('kms:*'))];
    const merged = mergePolicyDocuments(documentOf(statement('s3:*')), 5, documents(list, 2), []);
    expect([0, 1].map(index => lineOfPath(merged.Statement, [index], 0))).toEqual([2, 5]);
  });

  it('reads no more than 1,000 merged statements', () => {
    const many = documentOf(...Array.from({ length: 600 }, () => statement('s3:GetObject')));
    const merged = mergePolicyDocuments(documentOf(statement('s3:*')), 1, documents([many, many]), []);
    expect(merged.Statement).toHaveLength(1001);
    expect((merged.Statement as Value[])[1000]).toEqual(new Unknown('statements past the most a policy holds'));
  });
});
