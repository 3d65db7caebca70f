// @ts-check
/**
 * `:shortcode:` → emoji. The few the product sends are drawn as small inline SVGs so they look the
 * same on every machine (a headless browser often has no colour emoji font, and screenshots are
 * taken there); other common shortcodes fall back to the Unicode character.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** @typedef {[tag: string, attrs: Record<string, string>]} Shape */

/** @type {Record<string, Shape[]>} */
const DRAWN = {
  sparkles: [
    ['path', { d: 'M14 3l2.6 9.4L26 15l-9.4 2.6L14 27l-2.6-9.4L2 15l9.4-2.6z', fill: '#FFAC33' }],
    ['path', { d: 'M28 20l1.3 4.7L34 26l-4.7 1.3L28 32l-1.3-4.7L22 26l4.7-1.3z', fill: '#FFCC4D' }],
    ['path', { d: 'M27 2l1 3.5 3.5 1-3.5 1L27 11l-1-3.5-3.5-1 3.5-1z', fill: '#FFCC4D' }],
  ],
  white_check_mark: [
    ['rect', { x: '2', y: '2', width: '32', height: '32', rx: '6', fill: '#77B255' }],
    [
      'path',
      {
        d: 'M9 18.5l6 6L27.5 11',
        fill: 'none',
        stroke: '#fff',
        'stroke-width': '4.5',
        'stroke-linecap': 'round',
        'stroke-linejoin': 'round',
      },
    ],
  ],
  lock: [
    ['path', { d: 'M11 16v-5a7 7 0 0 1 14 0v5', fill: 'none', stroke: '#AAB8C2', 'stroke-width': '4' }],
    ['rect', { x: '6', y: '15', width: '24', height: '18', rx: '4', fill: '#FFAC33' }],
    ['circle', { cx: '18', cy: '23', r: '2.6', fill: '#C1694F' }],
  ],
  seedling: [
    ['path', { d: 'M18 33V17', stroke: '#3E721D', 'stroke-width': '3', 'stroke-linecap': 'round' }],
    ['path', { d: 'M18 18C18 9 11 4 3 5c0 8 6 13 15 13z', fill: '#77B255' }],
    ['path', { d: 'M18 15c0-6 5-10 14-9 0 6-5 10-14 9z', fill: '#5C913B' }],
  ],
};

/** @type {Record<string, string>} */
const UNICODE = {
  sparkles: '✨',
  white_check_mark: '✅',
  lock: '🔒',
  seedling: '🌱',
  heavy_check_mark: '✔️',
  x: '❌',
  warning: '⚠️',
  wave: '👋',
  tada: '🎉',
  heart: '❤️',
  '+1': '👍',
  thumbsup: '👍',
  clap: '👏',
  raised_hands: '🙌',
  pray: '🙏',
  smile: '😄',
  slightly_smiling_face: '🙂',
  eyes: '👀',
  star: '⭐',
  bulb: '💡',
  memo: '📝',
  calendar: '📅',
  alarm_clock: '⏰',
  bell: '🔔',
  zzz: '💤',
  rocket: '🚀',
  fire: '🔥',
  muscle: '💪',
  brain: '🧠',
  herb: '🌿',
  sunny: '☀️',
  speech_balloon: '💬',
  information_source: 'ℹ️',
  point_right: '👉',
  hourglass: '⌛',
  100: '💯',
};

/** Whether `:name:` is a shortcode this page knows. */
export function hasEmoji(/** @type {string} */ name) {
  return Object.hasOwn(UNICODE, name) || Object.hasOwn(DRAWN, name);
}

/**
 * A DOM node for `:name:`, or undefined for an unknown shortcode.
 * @param {string} name
 * @returns {Element | undefined}
 */
export function emojiNode(name) {
  const shapes = Object.hasOwn(DRAWN, name) ? DRAWN[name] : undefined;
  const char = Object.hasOwn(UNICODE, name) ? UNICODE[name] : undefined;
  if (shapes) {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 36 36');
    svg.setAttribute('class', 'emoji');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', char ?? name);
    for (const [tag, attrs] of shapes) {
      const shape = document.createElementNS(SVG_NS, tag);
      for (const [key, value] of Object.entries(attrs)) shape.setAttribute(key, value);
      svg.appendChild(shape);
    }
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = `:${name}:`;
    svg.appendChild(title);
    return svg;
  }
  if (char) {
    const span = document.createElement('span');
    span.className = 'emoji emoji--char';
    span.title = `:${name}:`;
    span.textContent = char;
    return span;
  }
  return undefined;
}
