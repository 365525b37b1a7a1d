import { expect, test } from '@playwright/test';
import { YamlFile } from './yaml-file';

const text = `app:
  id: ari:cloud:ecosystem::app/1
modules:
  apiRoute:
    - key: first
      path: /a
    - key: second
      scopes:
        - read:x:custom
`;

test('positions of values, keys and sequence items are 1-based', () => {
  const file = YamlFile.parse('manifest.yml', text);
  expect(file.syntaxErrors).toEqual([]);
  expect(file.positionOf(['app', 'id'])).toEqual({ line: 2, column: 7 });
  expect(file.positionOf(['app', 'id'], { key: true })).toEqual({ line: 2, column: 3 });
  expect(file.positionOf(['modules', 'apiRoute', 1, 'scopes', 0])).toEqual({ line: 9, column: 11 });
  expect(file.positionOf(['modules', 'apiRoute', '1', 'key'])).toEqual({ line: 7, column: 12 });
});

test('a path that does not exist points at its nearest existing ancestor', () => {
  const file = YamlFile.parse('manifest.yml', text);
  expect(file.positionOf(['modules', 'apiRoute', 0, 'operation'])).toEqual({ line: 5, column: 7 });
  expect(file.positionOf(['modules', 'apiRoute', 7])).toEqual({ line: 5, column: 5 });
  expect(file.positionOf(['nothing', 'here'])).toEqual({ line: 1, column: 1 });
});

test('syntax errors keep line and column, and leave no data', () => {
  const file = YamlFile.parse('manifest.yml', 'app:\n  id: [unclosed\nmodules: {}\n');
  expect(file.data).toBeUndefined();
  expect(file.syntaxErrors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number), message: expect.any(String) });
  expect(file.syntaxErrors[0]!.message).not.toContain('\n');
});

test('a repeated key is a syntax error, not a silent overwrite', () => {
  const file = YamlFile.parse('manifest.yml', 'app: {}\napp: {}\n');
  expect(file.syntaxErrors).toEqual([expect.objectContaining({ line: 2, column: 1, message: expect.stringContaining('unique') })]);
});

test('an alias bomb is refused instead of expanded', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join(
    '\n',
  );
  const file = YamlFile.parse('manifest.yml', bomb);
  expect(file.data).toBeUndefined();
  expect(file.syntaxErrors[0]!.message).toMatch(/alias/i);
});
