/**
 * The voice pack's manifest (clip name → words, per language) and how an announcement is composed
 * from clips. Pure: the display plays what `announcementClips` lists, and
 * scripts/voice/generate.ts speaks the manifest into display/voice/<language>/<name>.wav.
 */

/** Languages the hall display announces in, in the order it speaks them. */
export const VoiceLanguages = ['tg', 'ru'] as const;
export type VoiceLanguage = (typeof VoiceLanguages)[number];

/** Phrase clips: "Чиптаи … равзанаи …" / "Талон … окно …". */
export const PhraseClip = { ticket: 'ticket', window: 'window' } as const;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** How each language names the Latin letters of ticket prefixes (as they are read aloud there). */
const LETTER_NAMES: Readonly<Record<VoiceLanguage, readonly string[]>> = {
  // Tajik schools name Latin letters much as Russian ones do; an office may record its own.
  tg: [
    'а',
    'бе',
    'се',
    'де',
    'е',
    'эф',
    'ге',
    'ҳа',
    'и',
    'йот',
    'ка',
    'эл',
    'эм',
    'эн',
    'о',
    'пе',
    'ку',
    'эр',
    'эс',
    'те',
    'у',
    'ве',
    'дубл-ве',
    'икс',
    'игрек',
    'зет',
  ],
  ru: [
    'а',
    'бэ',
    'цэ',
    'дэ',
    'е',
    'эф',
    'гэ',
    'аш',
    'и',
    'йот',
    'ка',
    'эль',
    'эм',
    'эн',
    'о',
    'пэ',
    'ку',
    'эр',
    'эс',
    'тэ',
    'у',
    'вэ',
    'дубль-вэ',
    'икс',
    'игрек',
    'зэт',
  ],
};

/** 0–19, then tens, then hundreds. */
const NUMBER_WORDS: Readonly<
  Record<
    VoiceLanguage,
    { units: readonly string[]; tens: readonly string[]; hundreds: readonly string[] }
  >
> = {
  tg: {
    units: [
      'сифр',
      'як',
      'ду',
      'се',
      'чор',
      'панҷ',
      'шаш',
      'ҳафт',
      'ҳашт',
      'нӯҳ',
      'даҳ',
      'ёздаҳ',
      'дувоздаҳ',
      'сенздаҳ',
      'чордаҳ',
      'понздаҳ',
      'шонздаҳ',
      'ҳабдаҳ',
      'ҳаждаҳ',
      'нуздаҳ',
    ],
    tens: ['бист', 'сӣ', 'чил', 'панҷоҳ', 'шаст', 'ҳафтод', 'ҳаштод', 'навад'],
    hundreds: [
      'сад',
      'дусад',
      'сесад',
      'чорсад',
      'панҷсад',
      'шашсад',
      'ҳафтсад',
      'ҳаштсад',
      'нӯҳсад',
    ],
  },
  ru: {
    units: [
      'ноль',
      'один',
      'два',
      'три',
      'четыре',
      'пять',
      'шесть',
      'семь',
      'восемь',
      'девять',
      'десять',
      'одиннадцать',
      'двенадцать',
      'тринадцать',
      'четырнадцать',
      'пятнадцать',
      'шестнадцать',
      'семнадцать',
      'восемнадцать',
      'девятнадцать',
    ],
    tens: [
      'двадцать',
      'тридцать',
      'сорок',
      'пятьдесят',
      'шестьдесят',
      'семьдесят',
      'восемьдесят',
      'девяносто',
    ],
    hundreds: [
      'сто',
      'двести',
      'триста',
      'четыреста',
      'пятьсот',
      'шестьсот',
      'семьсот',
      'восемьсот',
      'девятьсот',
    ],
  },
};

/**
 * Tajik joins the parts of a number with the conjunction -у ("бисту се", 23; "саду даҳ", 110):
 * tens and hundreds have a second clip, `n20u`, said before a following part.
 */
function tajikJoined(word: string): string {
  // сӣ → сию (a vowel takes -ю).
  return word === 'сӣ' ? 'сию' : `${word}у`;
}

/** One clip of the pack: its file name (without extension) and the words it says. */
export interface VoiceClip {
  name: string;
  text: string;
  /** The word carries the Tajik izafat or joining suffix (not stressed: the vowel before it is). */
  unstressedEnding?: boolean;
}

/** Every clip of one language's pack. */
export function voiceManifest(language: VoiceLanguage): VoiceClip[] {
  const clips: VoiceClip[] = [];
  const phrases: Record<VoiceLanguage, Record<keyof typeof PhraseClip, string>> = {
    tg: { ticket: 'чиптаи', window: 'равзанаи' },
    ru: { ticket: 'талон', window: 'окно' },
  };
  for (const key of Object.keys(PhraseClip) as (keyof typeof PhraseClip)[]) {
    clips.push({
      name: PhraseClip[key],
      text: phrases[language][key],
      unstressedEnding: language === 'tg',
    });
  }
  LETTER_NAMES[language].forEach((text, i) => {
    clips.push({ name: `letter-${LETTERS[i]!.toLowerCase()}`, text });
  });
  const words = NUMBER_WORDS[language];
  words.units.forEach((text, n) => clips.push({ name: `n${n}`, text }));
  words.tens.forEach((text, i) => clips.push({ name: `n${(i + 2) * 10}`, text }));
  words.hundreds.forEach((text, i) => clips.push({ name: `n${(i + 1) * 100}`, text }));
  if (language === 'tg') {
    words.tens.forEach((text, i) =>
      clips.push({ name: `n${(i + 2) * 10}u`, text: tajikJoined(text), unstressedEnding: true }),
    );
    words.hundreds.forEach((text, i) =>
      clips.push({ name: `n${(i + 1) * 100}u`, text: tajikJoined(text), unstressedEnding: true }),
    );
  }
  return clips;
}

/** Clip names that say `n` (0–999) in `language`. */
export function numberClips(language: VoiceLanguage, n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`${n} is not in 0–999`);
  if (n === 0) return ['n0'];
  const joined = language === 'tg' ? 'u' : '';
  const parts: string[] = [];
  const hundreds = Math.floor(n / 100) * 100;
  const rest = n % 100;
  if (hundreds > 0) parts.push(rest > 0 ? `n${hundreds}${joined}` : `n${hundreds}`);
  if (rest > 0 && rest < 20) parts.push(`n${rest}`);
  if (rest >= 20) {
    const tens = Math.floor(rest / 10) * 10;
    const units = rest % 10;
    parts.push(units > 0 ? `n${tens}${joined}` : `n${tens}`);
    if (units > 0) parts.push(`n${units}`);
  }
  return parts;
}

/** Letters one by one, digit runs as numbers (up to three digits), anything else skipped. */
function codeClips(language: VoiceLanguage, code: string): string[] {
  const clips: string[] = [];
  for (const token of code.toUpperCase().match(/[A-Z]|\d+/g) ?? []) {
    if (/^[A-Z]$/.test(token)) clips.push(`letter-${token.toLowerCase()}`);
    else if (token.length <= 3) clips.push(...numberClips(language, Number(token)));
    else for (const digit of token) clips.push(`n${digit}`);
  }
  return clips;
}

/** "Чиптаи А014": the clip names of a ticket number alone (the kiosk's "read aloud"). */
export function ticketClips(language: VoiceLanguage, ticketNumber: string): string[] {
  return [PhraseClip.ticket, ...codeClips(language, ticketNumber)];
}

/** "Чиптаи А014 — равзанаи 3": the clip names of one call in one language. */
export function announcementClips(
  language: VoiceLanguage,
  ticketNumber: string,
  window: string,
): string[] {
  return [
    PhraseClip.ticket,
    ...codeClips(language, ticketNumber),
    PhraseClip.window,
    ...codeClips(language, window),
  ];
}
