import { escapeHtml, markup, trustedHtml } from '../../../src/mail/templates';

describe('escapeHtml', () => {
  it('escapes the five characters that matter in element bodies and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes an already escaped string again rather than trusting it', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
});

describe('markup', () => {
  it('escapes interpolated strings but keeps trusted markup and joins arrays', () => {
    const items = ['<b>', 'ok'].map((item) => markup`<li>${item}</li>`);
    const result = markup`<ul>${items}</ul>${trustedHtml('<br>')}${42}`;
    expect(result.toString()).toBe('<ul><li>&lt;b&gt;</li><li>ok</li></ul><br>42');
  });
});
