import { Ref, Template, Unknown } from './values';
import { HOLE, WrittenText } from './writtenText';

describe('WrittenText', () => {
  it('reads the values of inputs, and their strings and numbers within lists and maps, as holes', () => {
    const written = new WrittenText();
    written.input('us-west-2');
    written.input([
      '111122223333',
      { arn: 'arn:aws:sqs:eu-west-1:444455556666:q' },
    ]);
    written.input(new Unknown('parameter X'));
    expect(written.of('us-west-2')).toBe(HOLE);
    expect(written.of('111122223333')).toBe(HOLE);
    expect(written.of('arn:aws:sqs:eu-west-1:444455556666:q')).toBe(HOLE);
    expect(written.of('parameter X')).toBe('parameter X');
    expect(written.of('us-east-1')).toBe('us-east-1');
  });

  it('records how a string built from literal text and inputs reads as written', () => {
    const written = new WrittenText();
    written.input('us-west-2');
    const literal = [true, false, true];
    expect(
      written.concat(
        ['arn:aws:sns:', 'us-west-2', ':alerts'],
        index => literal[index],
      ),
    ).toBe('arn:aws:sns:us-west-2:alerts');
    expect(written.of('arn:aws:sns:us-west-2:alerts')).toBe(
      `arn:aws:sns:${HOLE}:alerts`,
    );
    // A literal part that happens to equal an input is still written.
    expect(written.concat(['us-west-2', '.amazonaws.com'], () => true)).toBe(
      'us-west-2.amazonaws.com',
    );
    expect(written.of('us-west-2.amazonaws.com')).toBe(
      'us-west-2.amazonaws.com',
    );
  });

  it('records the text parts of a template around references, and composes what earlier strings read as', () => {
    const written = new WrittenText();
    written.input('111122223333');
    const inner = written.concat(
      ['arn:aws:sqs:us-east-1:', '111122223333'],
      index => index === 0,
    );
    const queue = new Ref('Queue', 'Arn');
    const result = written.concat([inner, ':', queue], index => index === 1);
    expect(result).toEqual(
      new Template(['arn:aws:sqs:us-east-1:111122223333:', queue]),
    );
    expect(written.of('arn:aws:sqs:us-east-1:111122223333:')).toBe(
      `arn:aws:sqs:us-east-1:${HOLE}:`,
    );
  });
});
