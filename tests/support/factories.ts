import type { ContactRecordCreateInput, CustomerCreateInput } from '@meridian/domain';

let sequence = 0;

/**
 * A made-up word per sequence number, each letter from a hash: names that differ only by a number or a
 * letter ("Harbour Engineering 1 / 2 Ltd") are likely duplicates to the matcher, so the duplicate guard
 * would rightly stop the second one.
 */
function distinctiveWord(n: number): string {
  const consonants = 'bdfghklmnprstvz';
  const vowels = 'aeiou';
  let hash = Math.imul(n, 2654435761) >>> 0;
  let word = '';
  for (let i = 0; i < 4; i++) {
    word += consonants[hash % 15]! + vowels[Math.floor(hash / 15) % 5]!;
    hash = Math.imul(hash ^ (hash >>> 13), 2246822519) >>> 0;
  }
  return word[0]!.toUpperCase() + word.slice(1);
}

export function customerInput(overrides: Partial<CustomerCreateInput> = {}): CustomerCreateInput {
  sequence += 1;
  return {
    name: `${distinctiveWord(sequence)} Engineering Ltd`,
    segment: 'property',
    subSegment: 'hotels',
    city: 'Hong Kong',
    accountManager: 'kaming.wong',
    email: `contact${sequence}@harbour.example`,
    ...overrides,
  };
}

export function contactRecordInput(customerId: string, overrides: Partial<ContactRecordCreateInput> = {}): ContactRecordCreateInput {
  return {
    customerId,
    typeCode: 'enquiry.pricing',
    channel: 'phone',
    occurredAt: '2026-11-20T09:30:00.000Z',
    place: '中環辦公室',
    content: '客戶查詢冷氣系統保養合約的價格。',
    outcome: '已提供初步報價。',
    nextStep: '下星期寄出正式建議書。',
    ...overrides,
  };
}
