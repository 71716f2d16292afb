import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import { toSimplifiedChinese } from './fold.ts';

const hanPattern = /\p{Script=Han}/u;

/**
 * A Latin rendering of a name in any script: pinyin (without tones) for Chinese, any-ascii for the
 * rest. Used when staff did not type a Latin name themselves, and always marked as generated.
 */
export function latinise(name: string): string {
  const withPinyin = hanPattern.test(name)
    ? // pinyin-pro resolves polyphones (银行 → yin hang) from Simplified text only.
      pinyin(toSimplifiedChinese(name), { toneType: 'none', nonZh: 'consecutive', v: true })
    : name;
  const ascii = anyAscii(withPinyin).replace(/\s+/g, ' ').trim();
  return ascii.replace(/(^|\s)([a-z])/g, (_, space: string, letter: string) => space + letter.toUpperCase());
}
