/**
 * Masks card numbers, PINs and secrets in log text. Used on every line the logger writes and again on
 * every file that goes into a support bundle (server/support/bundle.ts), so a secret that slipped past
 * one reaches no one through the other.
 *
 * - A card number is a run of 13–19 digits (single spaces or hyphens between them allowed) that
 *   passes the Luhn check; a longer digit run is masked whole when any 13–19 digit stretch of it does,
 *   because a card number may hide inside it.
 * - A value under a sensitive key (password, pin, token, credential, secret, authorization, code of an
 *   enrolment…) is replaced, whatever its shape; so is what follows "Bearer "/"Machine " or
 *   "password=" in free text, and anything shaped like an enrolment code ("7KQ3M-XR9TD").
 * Log lines are JSON: values are masked token by token, so a masked line is still valid JSON.
 */

export const maskedCard = '[card number]';
export const maskedSecret = '[redacted]';

/** Keys whose value is never logged, at any depth (compared without case, "-" and "_"). */
const sensitiveKey =
  /^(authorization|proxyauthorization|cookie|setcookie|password|passwd|passcode|pin|pinblock|pincode|secret|clientsecret|credential|credentials|machinecredential|token|accesstoken|refreshtoken|stafftoken|officetoken|ingesttoken|apikey|enrolmentcode|enrollmentcode)$/;
export const isSensitiveKey = (key: string): boolean => sensitiveKey.test(key.toLowerCase().replace(/[-_\s]/g, ''));
/**
 * A plain "code" may be an enrolment code (POST /api/machines/enrol) or an error's code: the error
 * codes of Node, fastify and SQLite, and HTTP statuses, are kept for diagnosis; anything else goes.
 */
const errorCode = /^(E[A-Z0-9_]+|ERR_[A-Z0-9_]+|FST_[A-Z0-9_]+|SQLITE_[A-Z0-9_]+|\d{1,3})$/;
const isSecretCode = (key: string, value: string): boolean => key.toLowerCase() === 'code' && !errorCode.test(value);

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Whether these digits are, or contain, something that could be a card number. */
export function holdsCardNumber(digits: string): boolean {
  if (digits.length < 13) return false;
  if (digits.length <= 19 && luhnValid(digits)) return true;
  if (digits.length <= 19) return false;
  for (let length = 13; length <= 19; length += 1)
    for (let start = 0; start + length <= digits.length; start += 1)
      if (luhnValid(digits.slice(start, start + length))) return true;
  return false;
}

const digitRun = /(?<!\d)\d(?:[ -]?\d){12,}(?!\d)/g;
// 20 characters at least: a machine id after the word "Machine" in a sentence stays readable.
const bearerLike = /\b(Bearer|Machine|Basic)(\s+)[A-Za-z0-9._~+/=-]{20,}/g;
const keyValueInText =
  /\b(password|passwd|passcode|pin|secret|token|credential|authorization|enrolment code|enrollment code|code)(\s*[:=]\s*|\s+is\s+)(["']?)([^\s"',;}]+)/gi;
const enrolmentCodeShape = /\b[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}\b/g;

/** Masks free text: card numbers, bearer tokens, "password=…" and enrolment-code shapes. */
export function maskText(text: string): string {
  return text
    .replace(digitRun, (run) => (holdsCardNumber(run.replace(/[ -]/g, '')) ? maskedCard : run))
    .replace(bearerLike, (_match, scheme: string, space: string) => `${scheme}${space}${maskedSecret}`)
    .replace(keyValueInText, (match, key: string, separator: string, quote: string, value: string) =>
      key.toLowerCase() === 'code' && !isSecretCode(key, value) ? match : `${key}${separator}${quote}${maskedSecret}`,
    )
    .replace(enrolmentCodeShape, maskedSecret);
}

const jsonToken = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null|\s+|[^\s]/g;

/**
 * Masks one JSON text token by token: strings through maskText, bare numbers that could be card
 * numbers, and whatever value (string, number, object, array) stands under a sensitive key.
 * The answer is valid JSON when the input was.
 */
export function maskJson(json: string): string {
  let out = '';
  let pendingKey: string | null = null;
  /** Depth of a sensitive object/array being skipped (its content replaced), 0 when none. */
  let skippingDepth = 0;
  let lastString: string | null = null;
  for (const match of json.matchAll(jsonToken)) {
    const token = match[0];
    if (skippingDepth > 0) {
      if (token.startsWith('"')) continue;
      if (token === '{' || token === '[') skippingDepth += 1;
      else if (token === '}' || token === ']') {
        skippingDepth -= 1;
        if (skippingDepth === 0) out += `"${maskedSecret}"`;
      }
      continue;
    }
    if (/^\s+$/.test(token)) {
      out += token;
      continue;
    }
    if (token === ':') {
      pendingKey = lastString;
      lastString = null;
      out += token;
      continue;
    }
    const key = pendingKey;
    const sensitive = key !== null && isSensitiveKey(key);
    pendingKey = null;
    if (token.startsWith('"')) {
      const value = parseJsonString(token) ?? token.slice(1, -1);
      lastString = value;
      out +=
        sensitive || (key !== null && isSecretCode(key, value)) ? `"${maskedSecret}"` : JSON.stringify(maskText(value));
      continue;
    }
    lastString = null;
    if (sensitive) {
      if (token === '{' || token === '[') skippingDepth = 1;
      else out += `"${maskedSecret}"`;
      continue;
    }
    if (/^-?\d/.test(token)) {
      if (key !== null && isSecretCode(key, token)) {
        out += `"${maskedSecret}"`;
        continue;
      }
      const integerDigits = token.replace(/^-/, '').split(/[.eE]/)[0] ?? '';
      out += holdsCardNumber(integerDigits) ? `"${maskedCard}"` : token;
      continue;
    }
    out += token;
  }
  return out;
}

function parseJsonString(token: string): string | null {
  try {
    const value: unknown = JSON.parse(token);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** One line of a log file: JSON lines token by token, anything else as free text. */
export function maskLogLine(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      JSON.parse(trimmed);
      return maskJson(line);
    } catch {
      return maskText(line);
    }
  }
  return maskText(line);
}

/** Every line of a text (a log file, a JSON document) masked. */
export const maskLines = (text: string): string => text.split('\n').map(maskLogLine).join('\n');
