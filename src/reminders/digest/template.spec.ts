import fc from 'fast-check';
import { compileTemplate, escapeHtml, renderTemplate, TemplateData, TemplateError } from './template';

const html = (source: string, data: TemplateData = {}): string => renderTemplate(source, data, 'html');
const text = (source: string, data: TemplateData = {}): string => renderTemplate(source, data, 'text');

describe('template', () => {
  describe(escapeHtml.name, () => {
    it('should escape the five HTML-significant characters when they appear', () => {
      expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
    });

    it('should leave Vietnamese letters untouched when escaping', () => {
      expect(escapeHtml('Xã Đăk Ruồng – Ủy ban MTTQ “Việt Nam”')).toBe('Xã Đăk Ruồng – Ủy ban MTTQ “Việt Nam”');
    });

    it('should give back the original text when the entities are decoded, for any text', () => {
      const decode = (escaped: string): string =>
        escaped.replace(/&(lt|gt|quot|#39|amp);/g, (_, entity: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[entity] ?? '');
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme' }), (value) => {
          const escaped = escapeHtml(value);
          expect(escaped).not.toMatch(/[<>"']/);
          expect(decode(escaped)).toBe(value);
        }),
      );
    });
  });

  describe('{{name}}', () => {
    it('should HTML-escape a value when the template is HTML', () => {
      const name = `<script>alert("x")</script> O'Brien & Co`;
      expect(html('<p title="{{name}}">{{name}}</p>', { name })).toBe(
        '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien &amp; Co</p>',
      );
    });

    it('should insert a value as it is when the template is text', () => {
      expect(text('Kính gửi: {{name}},', { name: `<b>"Xã Đăk Ruồng"</b> & 'Co'` })).toBe(`Kính gửi: <b>"Xã Đăk Ruồng"</b> & 'Co',`);
    });

    it('should never interpret template syntax inside a value when rendering any text', () => {
      fc.assert(
        fc.property(fc.string(), (value) => {
          expect(text('[{{value}}]', { value })).toBe(`[${value}]`);
          expect(html('[{{value}}]', { value })).toBe(`[${escapeHtml(value)}]`);
        }),
      );
    });

    it('should print numbers, zero included, when the value is a finite number', () => {
      expect(text('{{a}} {{b}} {{c}}', { a: 3, b: 0, c: -2.5 })).toBe('3 0 -2.5');
    });

    it('should follow dotted paths and accept spaces inside the braces when the data is nested', () => {
      expect(text('{{ unit.name }} ({{unit.code}})', { unit: { name: 'Xã Tân Lập', code: 'X-TANLAP' } })).toBe('Xã Tân Lập (X-TANLAP)');
    });

    it('should throw a TemplateError naming the variable and line when a variable is unknown', () => {
      expect(() => text('a\nb {{unitNmae}}', { unitName: 'x' })).toThrow(new TemplateError('template:2: unknown variable "unitNmae"'));
      expect(() => text('{{unit.nmae}}', { unit: { name: 'x' } })).toThrow(/unknown variable "unit.nmae"/);
      expect(() => text('{{name.first}}', { name: 'x' })).toThrow(/unknown variable "name.first"/);
    });

    it('should treat inherited properties as unknown when a name matches one', () => {
      for (const source of ['{{constructor}}', '{{toString}}', '{{__proto__}}', '{{unit.constructor}}', '{{unit.__proto__}}']) {
        expect(() => text(source, { unit: { name: 'x' } })).toThrow(TemplateError);
      }
    });

    it('should throw when the value is null, a boolean, an object or a list', () => {
      expect(() => text('{{x}}', { x: null })).toThrow(/"x" is null, not text/);
      expect(() => text('{{x}}', { x: true })).toThrow(/"x" is boolean true/);
      expect(() => text('{{x}}', { x: { y: 'z' } })).toThrow(/"x" is an object/);
      expect(() => text('{{x}}', { x: [] })).toThrow(/"x" is a list/);
    });

    it('should throw when the number is not finite', () => {
      expect(() => text('{{x}}', { x: Number.NaN })).toThrow(TemplateError);
      expect(() => text('{{x}}', { x: Number.POSITIVE_INFINITY })).toThrow(TemplateError);
    });
  });

  describe('{{#if}}', () => {
    it('should render the first branch when the value is truthy and the {{else}} branch otherwise', () => {
      const source = '{{#if x}}yes{{else}}no{{/if}}';
      for (const x of ['a', 1, true, [{}], { a: 'b' }] as const) expect(text(source, { x })).toBe('yes');
      for (const x of ['', 0, false, null, []] as const) expect(text(source, { x })).toBe('no');
    });

    it('should render nothing when the value is falsy and there is no {{else}}', () => {
      expect(text('a{{#if x}}b{{/if}}c', { x: null })).toBe('ac');
    });

    it('should nest when an {{#if}} is inside another', () => {
      const source = '{{#if a}}A{{#if b}}B{{else}}b{{/if}}{{else}}-{{/if}}';
      expect(text(source, { a: true, b: true })).toBe('AB');
      expect(text(source, { a: true, b: false })).toBe('Ab');
      expect(text(source, { a: false, b: true })).toBe('-');
    });

    it('should accept the tag broken across lines when a formatter wraps it', () => {
      expect(html('<p>{{#if\n        x}}yes{{/if}}</p>', { x: true })).toBe('<p>yes</p>');
    });

    it('should throw when a condition names an unknown variable, at any depth', () => {
      expect(() => text('{{#if missing}}x{{/if}}', {})).toThrow(/unknown variable "missing"/);
      expect(() => text('{{#if a}}{{#if typo}}x{{/if}}{{/if}}', { a: true })).toThrow(/unknown variable "typo"/);
    });
  });

  describe('{{#each}}', () => {
    it('should render the body once per item with its fields in scope when given a list', () => {
      const tasks = [{ title: 'Một' }, { title: 'Hai' }];
      expect(text('{{#each tasks}}[{{title}}]{{/each}}', { tasks })).toBe('[Một][Hai]');
    });

    it('should see outer variables and let item fields shadow them when names repeat', () => {
      const data = { unit: 'U', title: 'outer', items: [{ title: 'inner' }] };
      expect(text('{{#each items}}{{unit}}:{{title}}{{/each}} {{title}}', data)).toBe('U:inner outer');
    });

    it('should loop inside a loop when lists are nested', () => {
      const groups = [
        { name: 'A', items: [{ n: 1 }, { n: 2 }] },
        { name: 'B', items: [] },
      ];
      expect(text('{{#each groups}}{{name}}({{#each items}}{{name}}{{n}}{{/each}}){{/each}}', { groups })).toBe('A(A1A2)B()');
    });

    it('should render nothing when the list is empty', () => {
      expect(text('a{{#each xs}}x{{/each}}b', { xs: [] })).toBe('ab');
    });

    it('should escape item fields when the template is HTML', () => {
      expect(html('{{#each xs}}<li>{{t}}</li>{{/each}}', { xs: [{ t: '<img src=x onerror="alert(1)">' }] })).toBe('<li>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</li>');
    });

    it('should throw when the value is not a list of objects', () => {
      expect(() => text('{{#each xs}}{{/each}}', { xs: 'abc' })).toThrow(/needs a list of objects, got string abc/);
      expect(() => text('{{#each xs}}{{/each}}', { xs: null })).toThrow(/needs a list of objects, got null/);
      expect(() => text('{{#each xs}}{{/each}}', { xs: ['a'] as unknown as TemplateData[] })).toThrow(/needs a list of objects/);
      expect(() => text('{{#each xs}}{{/each}}', {})).toThrow(/unknown variable "xs"/);
    });

    it('should throw when an item field is unknown', () => {
      expect(() => text('{{#each xs}}{{titel}}{{/each}}', { xs: [{ title: 'a' }] })).toThrow(/unknown variable "titel"/);
    });
  });

  describe('block tags alone on a line', () => {
    it('should remove the whole line of a block tag when it stands alone', () => {
      const source = ['Đầu', '{{#if x}}', 'có', '  {{else}}  ', 'không', '{{/if}}', 'Cuối', ''].join('\n');
      expect(text(source, { x: true })).toBe('Đầu\ncó\nCuối\n');
      expect(text(source, { x: false })).toBe('Đầu\nkhông\nCuối\n');
    });

    it('should remove stacked block lines when several follow each other', () => {
      const source = ['{{#each xs}}', '{{#if on}}', '- {{t}}', '{{/if}}', '{{/each}}', 'end'].join('\n');
      expect(
        text(source, {
          xs: [
            { t: 'a', on: true },
            { t: 'b', on: false },
            { t: 'c', on: true },
          ],
        }),
      ).toBe('- a\n- c\nend');
    });

    it('should keep the line when a block tag shares it with text or another tag', () => {
      expect(text('a {{#if x}}b{{/if}}\nc', { x: true })).toBe('a b\nc');
      expect(text('{{#if x}}b{{/if}}\nc', { x: false })).toBe('\nc');
      expect(text('{{v}}{{#if x}}\nc{{/if}}', { v: 'v', x: true })).toBe('v\nc');
    });

    it('should handle Windows line ends when the template has them', () => {
      expect(text('a\r\n{{#if x}}\r\nb\r\n{{/if}}\r\nc', { x: true })).toBe('a\r\nb\r\nc');
    });

    it('should keep the lines of value tags when they stand alone', () => {
      expect(text('a\n{{v}}\nb', { v: '' })).toBe('a\n\nb');
    });
  });

  describe('syntax errors', () => {
    const cases: Array<[string, RegExp]> = [
      ['{{else}}', /{{else}} outside an {{#if}}/],
      ['{{#if a}}{{else}}{{else}}{{/if}}', /{{else}} outside an {{#if}}/],
      ['{{#each a}}{{else}}{{/each}}', /{{else}} outside an {{#if}}/],
      ['{{#if a}}x', /{{#if}} is never closed/],
      ['x\n{{#each a}}{{#if b}}{{/if}}', /template:2: {{#each}} is never closed/],
      ['{{#if a}}{{/each}}', /{{\/each}} without a matching {{#each}}/],
      ['{{/if}}', /{{\/if}} without a matching {{#if}}/],
      ['{{name}', /malformed tag/],
      ['name}}', /malformed tag/],
      ['{{ }}', /invalid tag/],
      ['{{a b}}', /invalid tag/],
      ['{{#each}}{{/each}}', /invalid tag/],
      ['{{#unless a}}{{/unless}}', /invalid tag/],
      ['{{1abc}}', /invalid tag/],
      ['{{a..b}}', /invalid tag/],
      ['{{{a}}}', /no triple braces/],
      ['{{a{b}}', /malformed tag/],
    ];

    it.each(cases)('should reject %j when compiling', (source, message) => {
      expect(() => compileTemplate(source, 'text')).toThrow(TemplateError);
      expect(() => compileTemplate(source, 'text')).toThrow(message);
    });

    it('should name the template file when one is given', () => {
      expect(() => compileTemplate('ok\n\n{{#if x}}', 'html', 'digest.html')).toThrow('digest.html:3: {{#if}} is never closed');
    });
  });

  describe(compileTemplate.name, () => {
    it('should render the same compiled template with different data when called again', () => {
      const greet = compileTemplate('Kính gửi: {{name}},', 'text');
      expect(greet({ name: 'Xã Đăk Kôi' })).toBe('Kính gửi: Xã Đăk Kôi,');
      expect(greet({ name: 'Huyện Đoàn' })).toBe('Kính gửi: Huyện Đoàn,');
    });

    it('should leave text without tags as it is, braces of CSS included', () => {
      const source = '<style>p { color: red; }</style>\n<p>a { b }</p>';
      expect(html(source)).toBe(source);
    });
  });
});
