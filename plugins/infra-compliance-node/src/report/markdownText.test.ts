import { markdownText } from './markdownText';

describe('markdownText', () => {
  it.each([
    ['a cell separator', 'a|b', 'a\\|b'],
    [
      'HTML',
      '<img src=x onerror=alert(1)>',
      '\\<img src=x onerror=alert(1)\\>',
    ],
    [
      'emphasis',
      '**bold** _em_ snake_case',
      '\\*\\*bold\\*\\* \\_em\\_ snake\\_case',
    ],
    ['strikethrough', '~~gone~~', '\\~\\~gone\\~\\~'],
    ['code spans', '`rm -rf` ``x``', '\\`rm -rf\\` \\`\\`x\\`\\`'],
    ['a link and an image', '![x](y) [a](b)', '!\\[x\\](y) \\[a\\](b)'],
    ['entities', '&lt; &copy;', '\\&lt; \\&copy;'],
    ['a backslash', 'C:\\path\\', 'C:\\\\path\\\\'],
    ['math', '${AWS::StackName} $x$', '\\${AWS::StackName} \\$x\\$'],
    ["a heading's closing sign", 'ends with #', 'ends with \\#'],
    [
      'autolinks',
      'https://evil.example www.evil.example',
      'https\\://evil.example www\\.evil.example',
    ],
    [
      'mentions and issue references',
      '@octocat, @org/team, mail@example.com, #12',
      '@&#8203;octocat, @&#8203;org/team, mail@&#8203;example.com, \\#&#8203;12',
    ],
    [
      'issue references written GH-12',
      'GH-12, gh-7, owner/repo#3',
      'GH-&#8203;12, gh-&#8203;7, owner/repo\\#&#8203;3',
    ],
    [
      'line breaks and other control characters, as the table writes them',
      'one\ntwo\r\tthree\u202e',
      'one\\\\u000atwo\\\\u000d\\\\u0009three\\\\u202e',
    ],
  ])('escapes %s', (_, text, markdown) => {
    expect(markdownText(text)).toBe(markdown);
  });

  it('leaves the rest of a text as it is', () => {
    const text =
      'Function OrderProcessor (AWS::Serverless::Function) is invoked asynchronously: 3 retries, 100% lost - see the queue.';
    expect(markdownText(text)).toBe(text);
  });
});
