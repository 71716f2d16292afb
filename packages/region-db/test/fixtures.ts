import { inWriteTransaction, insertContactRecord, insertCustomer, nextCustomerCode, type RegionDatabase } from '../src/index.ts';

export async function seedCustomer(db: RegionDatabase, name = 'Acme Engineering Ltd') {
  return inWriteTransaction(db, { actor: 'alice', procedure: 'test.seed' }, async (tx) =>
    insertCustomer(tx, {
      code: await nextCustomerCode(tx, 'HK'),
      country: 'HK',
      name,
      segment: 'property',
      subSegment: 'hotels',
      city: 'Hong Kong',
      email: 'info@acme.example',
      accountManager: 'alice',
      actor: 'alice',
    }),
  );
}

export async function seedContactRecord(db: RegionDatabase, customerId: string, status: 'open' | 'closed' = 'open') {
  return inWriteTransaction(db, { actor: 'alice', procedure: 'test.seed' }, (tx) =>
    insertContactRecord(tx, {
      customerId,
      typeCode: 'enquiry.pricing',
      channel: 'phone',
      occurredAt: new Date('2026-11-20T09:00:00Z'),
      place: 'Central office',
      content: '查詢保養合約價格',
      outcome: 'Quoted',
      nextStep: 'Send proposal',
      language: 'zh-HK',
      status,
      closedAt: status === 'closed' ? new Date() : null,
      closedBy: status === 'closed' ? 'alice' : null,
      createdBy: 'alice',
      updatedBy: 'alice',
    }),
  );
}
