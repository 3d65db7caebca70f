import { english, type Translator } from './i18n.ts';
import type { Dimension, Side } from './reflection-prompts.ts';

/** How the three dimensions are named to people, in their language. */

/** "Soul · doing good". */
export function dimensionLabel(dimension: Dimension, tr: Translator = english()): string {
  return tr.t(`dimensions.label.${dimension}`);
}

/** "Soul". */
export function dimensionName(dimension: Dimension, tr: Translator = english()): string {
  return tr.t(`dimensions.name.${dimension}`);
}

export function dimensionDescription(dimension: Dimension, tr: Translator = english()): string {
  return tr.t(`dimensions.description.${dimension}`);
}

/** "Soul: doing good and making things better, in how you lead." */
export function dimensionHint(dimension: Dimension, side?: Side, tr: Translator = english()): string {
  const hint = tr.t(`dimensions.hint.${dimension}`);
  return side
    ? tr.t('dimensions.hintWithSide', { dimension: hint, side: tr.t(`dimensions.side.${side}`) })
    : tr.t('dimensions.hintAlone', { dimension: hint });
}
