import { Ref, Template, Unknown } from '../graph/values';
import { sameString } from './strings';

const region = Unknown.oneValue('AWS::Region');
const stack = Unknown.oneValue('AWS::StackName');

describe('sameString', () => {
  it('says yes for equal literals and values built the same way', () => {
    expect(sameString('/aws/lambda/a', '/aws/lambda/a')).toBe('yes');
    expect(
      sameString(
        new Template(['logs.', region, '.amazonaws.com']),
        new Template([
          'logs.',
          Unknown.oneValue('AWS::Region'),
          '.amazonaws.com',
        ]),
      ),
    ).toBe('yes');
    expect(
      sameString(
        Unknown.oneValue('parameter Names[0]'),
        Unknown.oneValue('parameter Names[0]'),
      ),
    ).toBe('yes');
    expect(
      sameString(
        new Template(['/aws/lambda/', new Ref('Fn')]),
        new Template(['/aws/lambda/', new Ref('Fn')]),
      ),
    ).toBe('yes');
  });

  it('says no when no value of the unknown parts can make them equal', () => {
    expect(sameString('/aws/lambda/a', '/aws/lambda/b')).toBe('no');
    expect(
      sameString(
        new Template(['/aws/lambda/', stack, '-proc']),
        new Template(['/aws/lambda/', stack, '-other']),
      ),
    ).toBe('no');
    expect(
      sameString(
        new Template(['/aws/lambda/', new Ref('A')]),
        new Template(['/aws/lambda/', new Ref('B')]),
      ),
    ).toBe('no');
    expect(
      sameString(new Template(['/aws/lambda/', new Ref('A')]), '/aws/lambda/a'),
    ).toBe('no');
    expect(sameString(undefined, 'a')).toBe('no');
  });

  it('says unknown when an unknown part may make them equal', () => {
    expect(sameString(new Unknown('parameter Name'), '/aws/lambda/a')).toBe(
      'unknown',
    );
    expect(
      sameString(
        new Template(['/aws/lambda/', stack, '-proc']),
        '/aws/lambda/x-proc',
      ),
    ).toBe('unknown');
    expect(
      sameString(
        new Template(['/aws/lambda/', new Ref('A')]),
        new Template(['/aws/', new Unknown('parameter P')]),
      ),
    ).toBe('unknown');
    expect(
      sameString(
        new Template(['team-', stack, '-proc']),
        new Template([new Unknown('parameter P'), '-proc']),
      ),
    ).toBe('unknown');
    expect(sameString({ not: 'a string' }, 'a')).toBe('unknown');
  });

  it('says unknown for two values not known statically that are not one value, whatever their reasons', () => {
    // `!Select [0, !Split [',', !ImportValue names]]` and `!Select [1, ...]`: two items, both `Fn::Select`.
    expect(
      sameString(new Unknown('Fn::Select'), new Unknown('Fn::Select')),
    ).toBe('unknown');
    expect(
      sameString(
        new Template(['/aws/lambda/', new Unknown('condition IsProd')]),
        new Template(['/aws/lambda/', new Unknown('condition IsProd')]),
      ),
    ).toBe('unknown');
    expect(
      sameString(new Unknown('Fn::Select'), Unknown.oneValue('Fn::Select')),
    ).toBe('unknown');
    expect(
      sameString(
        Unknown.oneValue('parameter A'),
        Unknown.oneValue('parameter B'),
      ),
    ).toBe('unknown');
  });

  it('compares long texts without running out of stack', () => {
    const long = '/aws/lambda/'.repeat(10_000);
    expect(sameString(long, `${long}x`)).toBe('no');
    expect(sameString(new Template([long, stack]), `${long}-proc`)).toBe(
      'unknown',
    );
    expect(sameString(new Template([long, stack, 'a']), `${long}-proc`)).toBe(
      'no',
    );
  });

  it('leaves texts too long to compare within its bounds as unknown, never no', () => {
    // Any text around 1500 a's is never 1501 b's, but telling takes 2 million pairs of positions.
    const around = new Template([
      stack,
      'a'.repeat(1500),
      new Unknown('parameter P'),
    ]);
    expect(sameString(around, 'b'.repeat(1501))).toBe('unknown');
    expect(
      sameString(
        new Template([stack, 'a'.repeat(15), new Unknown('parameter P')]),
        'b'.repeat(16),
      ),
    ).toBe('no');
  });

  it('resolves references through the resolver', () => {
    const resolve = (ref: Ref) => (ref.target === 'Fn' ? 'orders' : undefined);
    expect(
      sameString(
        new Template(['/aws/lambda/', new Ref('Fn')]),
        '/aws/lambda/orders',
        resolve,
      ),
    ).toBe('yes');
    expect(
      sameString(
        new Template(['/aws/lambda/', new Ref('Other')]),
        '/aws/lambda/orders',
        resolve,
      ),
    ).toBe('no');
  });
});
