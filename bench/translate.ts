/**
 * What one translated string costs: our Translator (messages/i18n.ts: i18next finds the text, each
 * text compiled once with intl-messageformat) against i18next's own t() on the same instance and
 * catalogues, and the reflection modal built with each. Run: `npm run bench:translate`.
 */
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { createTranslations, loadCatalogues, type Translator } from '#messages/i18n.ts';
import { buildReflectModal } from '#messages/reflect-modal.ts';
import { REFLECTION_PROMPTS } from '#messages/reflection-prompts.ts';

const resources = loadCatalogues();
const ours = createTranslations(resources).for('de');
const instance = i18next.createInstance();
instance.use(ICU).init({
  resources,
  lng: 'de',
  fallbackLng: 'en',
  initAsync: false,
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});
const fixed = instance.getFixedT('de', 'common');
const theirs: Translator = {
  language: 'de',
  locale: 'de-DE',
  t: (key, values) => fixed(key, values ?? {}) as string,
  // The same dates as ours: the comparison is of t().
  dateFormat: ours.dateFormat,
  listFormat: ours.listFormat,
};

function microseconds(run: () => void, times: number): number {
  for (let i = 0; i < times / 10; i++) run();
  const start = performance.now();
  for (let i = 0; i < times; i++) run();
  return ((performance.now() - start) / times) * 1000;
}

const prompts = REFLECTION_PROMPTS.slice(0, 3);
const rows: [string, number, number][] = [
  [
    'plain text',
    ...([ours, theirs].map((tr) => microseconds(() => tr.t('nudgeReplies.notEnrolled'), 50_000)) as [
      number,
      number,
    ]),
  ],
  [
    'plural',
    ...([ours, theirs].map((tr) =>
      microseconds(() => tr.t('nudgeReplies.paused', { count: 2, weeks: 'W50, W51', next: '' }), 50_000),
    ) as [number, number]),
  ],
  [
    'reflection modal',
    ...([ours, theirs].map((tr) =>
      microseconds(
        () => buildReflectModal({ weekKey: '2026-W49', prompts, privateMetadata: 'n' }, tr),
        2_000,
      ),
    ) as [number, number]),
  ],
];
console.log('| what | Translator (µs) | i18next t() (µs) | ratio |\n|---|---|---|---|');
for (const [what, a, b] of rows)
  console.log(`| ${what} | ${a.toFixed(2)} | ${b.toFixed(2)} | ${(a / b).toFixed(2)}× |`);
