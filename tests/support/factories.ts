import type { ContactRecordCreateInput, CustomerCreateInput } from '@meridian/domain';

let sequence = 0;

export function customerInput(overrides: Partial<CustomerCreateInput> = {}): CustomerCreateInput {
  sequence += 1;
  return {
    name: `Harbour Engineering ${sequence} Ltd`,
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
