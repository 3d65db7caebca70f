/**
 * Recognition prompts posted into channels each week: the heart of the model in public, asking
 * peers to name a specific act and its effect, and reaching past the people who are usually thanked.
 *
 * Each prompt is tagged with the dimension of what it asks about (heart prompts also with their
 * facet), so the post can suggest the matching `#soul`, `#heart` or `#mind` tag. The English text of
 * each prompt lives in messages/locales/en/prompts.json (`recognition.<id>`), the single source the
 * translations follow. Rules the unit tests hold (test/unit/messages/prompts.test.ts), in every
 * language: at least 8 prompts per dimension, in varied forms; each text is one question of at most
 * 150 characters; no two prompts share most of their content words; no points, rankings, "best" or
 * "top". Ids are stable and never contain ':'; retired ids
 * (recog-17 repeated recog-26, recog-21 repeated recog-13) are never reused.
 */
import englishPrompts from '#messages/locales/en/prompts.json' with { type: 'json' };
import type { Dimension, HeartFacet } from '#messages/reflection-prompts.ts';

/** A prompt without its text: what stays the same in every language. */
export type RecognitionPromptMetadata = { id: string } & (
  | { dimension: Exclude<Dimension, 'heart'>; facet?: undefined }
  | { dimension: 'heart'; facet: HeartFacet }
);

export type RecognitionPrompt = RecognitionPromptMetadata & { text: string };

/** Longest allowed recognition prompt text. */
export const RECOGNITION_PROMPT_MAX_CHARS = 150;

/** Every active prompt; the English text is added below. */
export const RECOGNITION_PROMPT_METADATA: readonly RecognitionPromptMetadata[] = [
  { id: 'recog-07', dimension: 'soul' },
  { id: 'recog-10', dimension: 'soul' },
  { id: 'recog-11', dimension: 'soul' },
  { id: 'recog-16', dimension: 'soul' },
  { id: 'recog-20', dimension: 'soul' },
  { id: 'recog-23', dimension: 'soul' },
  { id: 'recog-29', dimension: 'soul' },
  { id: 'recog-30', dimension: 'soul' },
  { id: 'recog-31', dimension: 'soul' },
  { id: 'recog-01', dimension: 'heart', facet: 'connection' },
  { id: 'recog-02', dimension: 'heart', facet: 'connection' },
  { id: 'recog-04', dimension: 'heart', facet: 'connection' },
  { id: 'recog-26', dimension: 'heart', facet: 'connection' },
  { id: 'recog-27', dimension: 'heart', facet: 'connection' },
  { id: 'recog-06', dimension: 'heart', facet: 'growth' },
  { id: 'recog-19', dimension: 'heart', facet: 'growth' },
  { id: 'recog-28', dimension: 'heart', facet: 'growth' },
  { id: 'recog-12', dimension: 'heart', facet: 'energy' },
  { id: 'recog-24', dimension: 'heart', facet: 'energy' },
  { id: 'recog-09', dimension: 'heart', facet: 'voice' },
  { id: 'recog-22', dimension: 'heart', facet: 'voice' },
  { id: 'recog-03', dimension: 'mind' },
  { id: 'recog-05', dimension: 'mind' },
  { id: 'recog-08', dimension: 'mind' },
  { id: 'recog-13', dimension: 'mind' },
  { id: 'recog-14', dimension: 'mind' },
  { id: 'recog-15', dimension: 'mind' },
  { id: 'recog-18', dimension: 'mind' },
  { id: 'recog-25', dimension: 'mind' },
  { id: 'recog-32', dimension: 'mind' },
];

const ENGLISH_TEXTS: Readonly<Record<string, string>> = englishPrompts.recognition;

/** Every active prompt with its English text (callers that need another language use the catalogues). */
export const RECOGNITION_PROMPTS: readonly RecognitionPrompt[] = RECOGNITION_PROMPT_METADATA.map((prompt) => {
  const text = ENGLISH_TEXTS[prompt.id];
  if (text === undefined) throw new Error(`messages/locales/en/prompts.json has no recognition.${prompt.id}`);
  return { ...prompt, text };
});
