import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';

/** A nested catalogue as stored in messages/locales/<language>/<ns>.json. */
export type Catalogue = { [key: string]: string | Catalogue };

/** Every leaf as 'a.b.c' → ICU message. */
export function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const TYPE_NAMES: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'string',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
  [TYPE.tag]: 'tag',
};

/** The arguments of an ICU message, as "name:type", sorted (nested plural/select branches included). */
export function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: readonly MessageFormatElement[]) => {
    for (const element of elements) {
      const type = TYPE_NAMES[element.type];
      if (type && 'value' in element) found.add(`${element.value}:${type}`);
      if (element.type === TYPE.select || element.type === TYPE.plural) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

/**
 * What is wrong with `other` against the English reference: keys missing or extra, messages that
 * do not parse, and placeholders whose names or types differ. Empty when the catalogue is whole.
 */
export function catalogueProblems(reference: Catalogue, other: Catalogue): string[] {
  const problems: string[] = [];
  const ref = flatten(reference);
  const mine = flatten(other);
  for (const [key, message] of ref) {
    const translated = mine.get(key);
    if (translated === undefined) {
      problems.push(`${key}: missing`);
      continue;
    }
    let expected: string[];
    let actual: string[];
    try {
      expected = argumentsOf(message);
      actual = argumentsOf(translated);
    } catch (error) {
      problems.push(`${key}: does not parse (${(error as Error).message})`);
      continue;
    }
    if (expected.join() !== actual.join()) {
      problems.push(`${key}: placeholders ${actual.join(', ')} instead of ${expected.join(', ')}`);
    }
  }
  for (const key of mine.keys()) if (!ref.has(key)) problems.push(`${key}: not in English`);
  return problems;
}

/**
 * A pseudo-language: every literal piece of text replaced by `mark` (placeholders, plural and
 * select kept), each piece `stretch` times as long, so a test can see which text did not go
 * through the catalogue and how the builders cope with long languages.
 */
export function pseudoCatalogue(catalogue: Catalogue, mark = '¤', stretch = 1): Catalogue {
  const out: Catalogue = {};
  for (const [key, value] of Object.entries(catalogue)) {
    out[key] =
      typeof value === 'string' ? pseudoMessage(value, mark, stretch) : pseudoCatalogue(value, mark, stretch);
  }
  return out;
}

function pseudoMessage(message: string, mark: string, stretch: number): string {
  const print = (elements: readonly MessageFormatElement[]): string =>
    elements
      .map((element) => {
        switch (element.type) {
          case TYPE.literal:
            return element.value.trim() === ''
              ? element.value
              : mark.repeat(Math.ceil(element.value.length * stretch));
          case TYPE.argument:
            return `{${element.value}}`;
          case TYPE.number:
            return `{${element.value}, number}`;
          case TYPE.pound:
            return '#';
          case TYPE.plural:
          case TYPE.select: {
            const kind = element.type === TYPE.plural ? 'plural' : 'select';
            const options = Object.entries(element.options)
              .map(([selector, option]) => `${selector} {${print(option.value)}}`)
              .join(' ');
            return `{${element.value}, ${kind}, ${options}}`;
          }
          default:
            throw new Error(`pseudoMessage: element type ${element.type} not handled`);
        }
      })
      .join('');
  return print(parse(message));
}
