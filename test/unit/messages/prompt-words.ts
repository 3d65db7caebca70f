/**
 * Content words of a prompt, in any of our languages, for the near-repeat test: words from
 * `Intl.Segmenter` (which also splits Japanese, written without spaces), lower-cased, split at
 * apostrophes (French elisions such as `l’équipe`, English `team's`), minus a short stop-word list.
 */

/**
 * Words that carry no content of their own, per language: articles, pronouns, prepositions, question
 * words, auxiliaries and modals, and "week" (nearly every prompt is about this week). Kept small on
 * purpose: a longer list would hide real repeats. A language without a list fails the test that uses it.
 */
export const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: words(`a an and or but nor of to in on at for with by from as about into than then so if is are was
    were be been being do did does have has had i me my myself we us our ourselves you your yourself
    they them their he she him her his it its this that these those who whom whose what which where
    when how why not no any some someone anyone everyone one the week lately now there here would
    could should can will`),
  de: words(`der die das den dem des ein eine einen einem einer eines und oder aber als wie so ob dass wenn
    weil von vom zu zum zur in im an am auf aus bei mit nach für über um vor ohne statt durch ich mich
    mir mein meine meinem meinen meiner meines wir uns unser unsere unserem unseren unserer unseres ihr
    euch euer eure ihre ihrem ihren ihrer ihn ihm ihnen sie er es sich wer wen wem wessen was wo wann
    welche welcher welches welchem welchen warum woran womit nicht kein keine diese dieser diesem
    diesen dieses woche habe hat haben habt hatte hatten hätte hätten bin ist war waren sind sein wurde
    wurden werden wird würde würden kann können konnte konnten könnte könnten soll sollte jemand
    jemandem jemanden niemand alle etwas da dafür dazu daraus dadurch davon darum gerade kürzlich`),
  fr: words(`le la les l un une des du de d à au aux en dans sur pour par avec sans que qu quelqu qui quoi
    quel quelle quels quelles lequel laquelle où quand comment pourquoi et ou mais si ne n pas je j me
    m moi mon ma mes nous notre nos vous votre vos il elle ils elles on lui leur leurs se s son sa ses
    ce c cet cette ces cela ça y t semaine ai a avons avez ont avais avait été être est était sont suis
    fait faire aurait aurais aurions auraient serait pourrait pourrais pourrions pu peut tous tout
    chacun récemment`),
  es: words(`el la los las lo un una unos unas de del a al en con sin por para sobre entre y e o u pero que
    qué quien quién quienes cuál cual dónde donde cuándo cuando cómo como porque si no yo me mí mi mis
    mío mía nosotros nos nuestro nuestra nuestros nuestras les le se su sus ustedes esta este esto ese
    esa eso semana he ha hemos han hice hizo fue era es son ser estar estaba está hay había habría
    podría podríamos pudo puede alguien nadie todos todo algo ello ella él ellos poco hace`),
  'pt-BR': words(`o a os as um uma uns umas de do da dos das em no na nos nas ao à por pelo pela para com
    sem sobre entre e ou mas que quem qual quais onde quando como porque se não eu me mim meu minha
    meus minhas nós nosso nossa nossos nossas você vocês lhe lhes seu sua seus suas ele ela eles elas
    isso isto esse essa este esta semana fiz fez foi era é são ser estar estava está há tem tinha teria
    poderia poderíamos pude pôde pode alguém ninguém algum alguma alguns algumas todos tudo algo nesta
    neste nessa nesse desta deste dessa desse tenho tive teve tivemos fui estive recentemente`),
  ja: words(`の に は を が と で も か へ や から まで より など な だ です でし でしょ でしょう しょう う ます
    まし しま ませ ん ない なかっ ず た て って し する した して いる い いた ある あっ あり ありま すか れ
    られ せ させ まっ こと もの はず とき 場面 私 私たち たち 自分 今週 週 誰 誰か 何 何で どこ いつ どう
    どの どんな ため よう その この それ これ`),
};

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

/** The set of content words of a text in a language (English also drops a plain plural `s`). */
export function contentWords(text: string, language: string): Set<string> {
  const stopWords = STOP_WORDS[language];
  if (!stopWords) throw new Error(`no stop words for ${language}: add them to prompt-words.ts`);
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  const found = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(text.toLocaleLowerCase(language))) {
    if (!isWordLike) continue;
    for (const word of segment.split(/['’]/)) {
      // Single letters left by elisions and `'s`; Japanese words can be one character long.
      if ((word.length < 2 && language !== 'ja') || word.length === 0 || stopWords.has(word)) continue;
      found.add(language === 'en' ? withoutPluralS(word) : word);
    }
  }
  return found;
}

function withoutPluralS(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = [...a].filter((word) => b.has(word)).length;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** Pairs of prompts (by id) whose content words overlap by at least `limit`. */
export function nearRepeats(
  prompts: readonly { id: string; text: string }[],
  language: string,
  limit: number,
): string[] {
  const sets = prompts.map((p) => ({ id: p.id, words: contentWords(p.text, language) }));
  const found: string[] = [];
  for (let i = 0; i < sets.length; i++) {
    for (let j = i + 1; j < sets.length; j++) {
      const a = sets[i]!;
      const b = sets[j]!;
      const similarity = jaccard(a.words, b.words);
      if (similarity >= limit) found.push(`${a.id} ~ ${b.id} (${similarity.toFixed(2)})`);
    }
  }
  return found;
}
