import type { Language } from '../languages';
import { da } from './da';
import { de } from './de';
import { en, type Messages } from './en';
import { nb } from './nb';
import { nl } from './nl';
import { sv } from './sv';

export type { MessageKey, Messages } from './en';

/** Every language's catalogue; a language without one is a compile error. */
export const catalogs: Readonly<Record<Language, Messages>> = { en, nb, sv, da, de, nl };
