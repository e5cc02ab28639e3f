export {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  LOCALES,
  isLanguage,
  languageOfTag,
  pickLanguage,
  type Language,
} from './languages';
export { catalogs, type MessageKey, type Messages } from './messages';
export {
  formatMessage,
  message,
  parseTemplate,
  placeholdersOf,
  t,
  type MessageToken,
  type ParamsArgument,
  type Placeholder,
  type PlaceholderOf,
} from './translate';
export { formatDateTime, formatMinutes } from './format';
