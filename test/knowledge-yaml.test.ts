import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readYaml } from '../src/knowledge/yaml.js';

const TEXT = [
  '# a comment',
  'title: "Giờ làm việc"',
  'answer: |',
  '  Sáng 7 giờ 30.',
  'questions:',
  '  - Mấy giờ vào làm?',
  '  - [a, b]',
  '  -',
  '  - ref: qd-129-2007/dieu-7',
  '    says: đeo thẻ',
  'count: 0x1F',
  'empty:',
].join('\n');

describe('readYaml (js-yaml, lines from its parser events)', () => {
  it('reads the YAML 1.2 core schema as `yaml` does', () => {
    const read = readYaml(TEXT);
    if (!('ok' in read)) throw new Error('expected a document');
    expect(read.ok.value).toEqual(parseDocument(TEXT).toJS());
  });

  it('gives the line of every key and node, as `yaml` counts them', () => {
    const read = readYaml(TEXT);
    if (!('ok' in read)) throw new Error('expected a document');
    const { lineOf, keyLineOf } = read.ok;
    expect(keyLineOf(['title'])).toBe(2);
    expect(lineOf(['answer'])).toBe(3); // a block scalar at its "|"
    expect(lineOf(['questions', 0])).toBe(6);
    expect(lineOf(['questions', 1, 1])).toBe(7);
    expect(lineOf(['questions', 2])).toBe(8); // an empty item: placed by `yaml`
    expect(keyLineOf(['questions', 3, 'says'])).toBe(10);
    expect(lineOf(['empty'])).toBe(12);
    expect(lineOf(['missing'])).toBeUndefined();
    // the same as `yaml` for every node it has
    const lines = new LineCounter();
    const doc = parseDocument(TEXT, { lineCounter: lines });
    const node = doc.getIn(['questions', 3, 'ref'], true) as { range: [number, number, number] };
    expect(lineOf(['questions', 3, 'ref'])).toBe(lines.linePos(node.range[0]).line);
  });

  it('reports a syntax error in the words and at the line `yaml` gives', () => {
    const broken = 'a: 1\na: 2\n';
    const read = readYaml(broken);
    const doc = parseDocument(broken, { prettyErrors: true, uniqueKeys: true });
    expect(read).toEqual({ error: { line: doc.errors[0]!.linePos![0].line, message: expect.stringContaining('Map keys must be unique') } });
  });
});
