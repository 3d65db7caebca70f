/**
 * A pure checker for the Block Kit limits Slack enforces (see
 * /work/shared/reference/slack-platform.md §4). Tests use it to assert that every message and view
 * the bot builds stays inside the limits; the Slack double uses it to answer `invalid_blocks` /
 * `invalid_arguments` / `view_too_large` the way Slack does.
 *
 * Lengths are counted as Slack counts them: on the text as sent, so after mrkdwn escaping (`&` is
 * the five characters `&amp;`, `<` is `&lt;`), in UTF-16 code units (JavaScript `length`), which
 * matches Slack for BMP text and is conservative for emoji and other astral characters (an emoji
 * with a skin tone is 4 units; a letter with two combining marks is 3). Builders must therefore
 * measure text after escaping it, never before.
 */

export type BlockKitSurface = 'message' | 'modal' | 'home';

/** What kind of limit a violation breaks; the double maps this to Slack's error code. */
export type BlockKitViolationKind = 'too_many_blocks' | 'view_too_large' | 'invalid';

export interface BlockKitViolation {
  kind: BlockKitViolationKind;
  /** JSON pointer into the checked value, e.g. `/blocks/3/text/text`. */
  path: string;
  message: string;
}

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  id: 255,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  viewTitle: 24,
  contextElements: 10,
  /** Any text object (`mrkdwn` or `plain_text`) not limited more tightly: 1–3000 characters. */
  textObject: 3000,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  imageAltText: 2000,
  markdownText: 12_000,
  placeholder: 150,
  plainTextInputLength: 3000,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  selectOptions: 100,
  overflowOptions: 5,
  radioOrCheckboxOptions: 10,
  /** A view's JSON must be smaller than this many bytes (Slack: "250 kB", `view_too_large`). */
  viewBytes: 250_000,
} as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `text` of a text object (`{type, text}`), or a bare string. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.text === 'string') return value.text;
  return undefined;
}

class Collector {
  readonly found: BlockKitViolation[] = [];

  add(path: string, message: string, kind: BlockKitViolationKind = 'invalid'): void {
    this.found.push({ kind, path, message });
  }

  maxText(path: string, value: unknown, max: number, what: string): void {
    const text = textOf(value);
    if (text !== undefined && text.length > max) {
      this.add(path, `${what} is ${text.length} characters (max ${max})`);
    }
  }

  maxString(path: string, value: unknown, max: number, what: string): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, `${what} is ${value.length} characters (max ${max})`);
    }
  }

  maxItems(path: string, value: unknown, max: number, what: string): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, `${what} has ${value.length} items (max ${max})`);
    }
  }
}

const L = BLOCK_KIT_LIMITS;

function checkOption(c: Collector, path: string, option: unknown): void {
  if (!isObject(option)) return;
  c.maxText(`${path}/text/text`, option.text, L.optionText, 'option text');
  c.maxString(`${path}/value`, option.value, L.optionValue, 'option value');
  c.maxText(`${path}/description/text`, option.description, L.optionDescription, 'option description');
}

function checkOptions(c: Collector, path: string, options: unknown, max: number, what: string): void {
  if (!Array.isArray(options)) return;
  c.maxItems(path, options, max, what);
  options.forEach((option, i) => {
    checkOption(c, `${path}/${i}`, option);
  });
}

function checkElement(c: Collector, path: string, element: unknown): void {
  if (!isObject(element)) return;
  c.maxString(`${path}/action_id`, element.action_id, L.id, 'action_id');
  c.maxText(`${path}/placeholder/text`, element.placeholder, L.placeholder, 'placeholder');
  const type = element.type;
  switch (type) {
    case 'button':
      c.maxText(`${path}/text/text`, element.text, L.buttonText, 'button text');
      c.maxString(`${path}/value`, element.value, L.buttonValue, 'button value');
      c.maxString(`${path}/url`, element.url, L.buttonUrl, 'button url');
      break;
    case 'plain_text_input': {
      const { max_length: maxLength, min_length: minLength } = element;
      if (typeof maxLength === 'number' && (maxLength < 1 || maxLength > L.plainTextInputLength)) {
        c.add(`${path}/max_length`, `plain_text_input max_length is ${maxLength} (must be 1–3000)`);
      }
      if (typeof minLength === 'number' && (minLength < 0 || minLength > L.plainTextInputLength)) {
        c.add(`${path}/min_length`, `plain_text_input min_length is ${minLength} (must be 0–3000)`);
      }
      c.maxString(`${path}/initial_value`, element.initial_value, L.plainTextInputLength, 'initial_value');
      break;
    }
    case 'static_select':
    case 'multi_static_select':
      checkOptions(c, `${path}/options`, element.options, L.selectOptions, `${type} options`);
      if (Array.isArray(element.option_groups)) {
        c.maxItems(`${path}/option_groups`, element.option_groups, L.selectOptions, `${type} option_groups`);
        element.option_groups.forEach((group, g) => {
          if (!isObject(group)) return;
          checkOptions(
            c,
            `${path}/option_groups/${g}/options`,
            group.options,
            L.selectOptions,
            'option group',
          );
        });
      }
      checkOption(c, `${path}/initial_option`, element.initial_option);
      break;
    case 'overflow':
      checkOptions(c, `${path}/options`, element.options, L.overflowOptions, 'overflow options');
      break;
    case 'radio_buttons':
    case 'checkboxes':
      checkOptions(c, `${path}/options`, element.options, L.radioOrCheckboxOptions, `${type} options`);
      break;
    case 'image':
      c.maxString(`${path}/alt_text`, element.alt_text, L.imageAltText, 'image alt_text');
      break;
    default:
      break;
  }
}

function checkBlock(c: Collector, path: string, block: unknown): void {
  if (!isObject(block)) {
    c.add(path, 'block is not an object');
    return;
  }
  c.maxString(`${path}/block_id`, block.block_id, L.id, 'block_id');
  switch (block.type) {
    case 'section': {
      const text = textOf(block.text);
      if (text !== undefined && text.length === 0)
        c.add(`${path}/text/text`, 'section text is empty (min 1)');
      c.maxText(`${path}/text/text`, block.text, L.sectionText, 'section text');
      if (Array.isArray(block.fields)) {
        c.maxItems(`${path}/fields`, block.fields, L.sectionFields, 'section fields');
        block.fields.forEach((field, i) => {
          c.maxText(`${path}/fields/${i}/text`, field, L.sectionFieldText, 'section field');
        });
      }
      if (block.text === undefined && block.fields === undefined) {
        c.add(path, 'section needs text or fields');
      }
      checkElement(c, `${path}/accessory`, block.accessory);
      break;
    }
    case 'header':
      c.maxText(`${path}/text/text`, block.text, L.headerText, 'header text');
      break;
    case 'context':
      c.maxItems(`${path}/elements`, block.elements, L.contextElements, 'context elements');
      if (Array.isArray(block.elements)) {
        block.elements.forEach((element, i) => {
          if (isObject(element) && (element.type === 'mrkdwn' || element.type === 'plain_text')) {
            const text = textOf(element);
            if (text !== undefined && text.length === 0) {
              c.add(`${path}/elements/${i}/text`, 'context text is empty (min 1)');
            }
            c.maxText(`${path}/elements/${i}/text`, element, L.textObject, 'context text');
          }
          checkElement(c, `${path}/elements/${i}`, element);
        });
      }
      break;
    case 'actions':
      c.maxItems(`${path}/elements`, block.elements, L.actionsElements, 'actions elements');
      if (Array.isArray(block.elements)) {
        block.elements.forEach((element, i) => {
          checkElement(c, `${path}/elements/${i}`, element);
        });
      }
      break;
    case 'input':
      c.maxText(`${path}/label/text`, block.label, L.inputLabel, 'input label');
      c.maxText(`${path}/hint/text`, block.hint, L.inputHint, 'input hint');
      checkElement(c, `${path}/element`, block.element);
      break;
    case 'image':
      c.maxString(`${path}/alt_text`, block.alt_text, L.imageAltText, 'image alt_text');
      break;
    case 'markdown':
      c.maxString(`${path}/text`, block.text, L.markdownText, 'markdown text');
      break;
    default:
      break;
  }
}

function checkBlocks(
  c: Collector,
  path: string,
  blocks: unknown,
  max: number,
  surface: BlockKitSurface,
): void {
  if (blocks === undefined) return;
  if (!Array.isArray(blocks)) {
    c.add(path, 'blocks must be an array');
    return;
  }
  if (blocks.length > max) {
    c.add(path, `${surface} has ${blocks.length} blocks (max ${max})`, 'too_many_blocks');
  }
  blocks.forEach((block, i) => {
    checkBlock(c, `${path}/${i}`, block);
  });
}

/** Structured form of {@link blockKitViolations}. */
export function collectBlockKitViolations(
  surface: BlockKitSurface,
  blocksOrView: unknown,
): BlockKitViolation[] {
  const c = new Collector();
  if (surface === 'message') {
    // A blocks array, or a message object ({ text?, blocks }).
    if (Array.isArray(blocksOrView)) checkBlocks(c, '/blocks', blocksOrView, L.messageBlocks, surface);
    else if (isObject(blocksOrView)) checkBlocks(c, '/blocks', blocksOrView.blocks, L.messageBlocks, surface);
    else c.add('', 'expected a blocks array or a message object');
    return c.found;
  }
  if (Array.isArray(blocksOrView)) {
    checkBlocks(c, '/blocks', blocksOrView, L.viewBlocks, surface);
    return c.found;
  }
  if (!isObject(blocksOrView)) {
    c.add('', 'expected a view object or a blocks array');
    return c.found;
  }
  const view = blocksOrView;
  if (view.type !== undefined && view.type !== surface) {
    c.add('/type', `view type is ${JSON.stringify(view.type)} (expected "${surface}")`);
  }
  if (!Array.isArray(view.blocks)) c.add('/blocks', 'view needs a blocks array');
  else checkBlocks(c, '/blocks', view.blocks, L.viewBlocks, surface);
  if (surface === 'modal') {
    if (textOf(view.title) === undefined) c.add('/title', 'modal needs a plain_text title');
    c.maxText('/title/text', view.title, L.viewTitle, 'modal title');
    c.maxText('/submit/text', view.submit, L.viewTitle, 'modal submit');
    c.maxText('/close/text', view.close, L.viewTitle, 'modal close');
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) c.add('/submit', 'a modal with input blocks needs submit');
  }
  c.maxString('/private_metadata', view.private_metadata, L.privateMetadata, 'private_metadata');
  c.maxString('/callback_id', view.callback_id, L.callbackId, 'callback_id');
  c.maxString('/external_id', view.external_id, L.externalId, 'external_id');
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (bytes >= L.viewBytes) {
    c.add('', `view JSON is ${bytes} bytes (must be < ${L.viewBytes})`, 'view_too_large');
  }
  return c.found;
}

/**
 * Every Block Kit limit `blocksOrView` breaks, as `"<json pointer>: <what>"` strings; empty when
 * it is within limits. For 'message' pass the blocks array (or `{ blocks }`); for 'modal' / 'home'
 * pass the view object (or just its blocks).
 */
export function blockKitViolations(surface: BlockKitSurface, blocksOrView: unknown): string[] {
  return collectBlockKitViolations(surface, blocksOrView).map((v) => `${v.path || '/'}: ${v.message}`);
}
