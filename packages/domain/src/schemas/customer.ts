import { z } from 'zod';
import { messageKeys } from '../messageKeys.ts';
import { isSubSegmentOf, lifecycleStages, segments, subSegments, type Segment } from '../taxonomy.ts';
import { boundedText, email, entityId, optionalText, pageInput, phone, requiredText, text } from './fields.ts';
import { isValidLei, normaliseLei } from './lei.ts';

export { isValidLei, leiCheckDigits, normaliseLei } from './lei.ts';

/** Optional ISO 17442 LEI, spaces and case forgiven; a wrong check digit is refused, never stored. */
const lei = optionalText(40)
  .transform((value) => (value === undefined ? undefined : normaliseLei(value)))
  .refine((value) => value === undefined || isValidLei(value), { message: messageKeys.invalidLei })
  .meta({ examples: ['MP6I5ZYZBEU3UXPYFY54', '7LTWFZYICNSX8D621K86'] });

const customerFields = {
  name: requiredText(200),
  nameLatin: optionalText(200),
  legalForm: optionalText(60),
  registrationId: optionalText(60),
  lei,
  website: optionalText(200).pipe(
    text()
      .regex(/^(https?:\/\/)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+(\/\S*)?$/iu, messageKeys.invalidUrl)
      .optional(),
  ).meta({ examples: ['www.hsbc.com.hk', 'https://www.swire.com/en'] }),
  segment: z.enum(segments),
  subSegment: z.enum(subSegments),
  city: requiredText(100),
  accountManager: requiredText(100),
  phone: phone.optional(),
  email: email.optional(),
  annualRevenueGbp: z.number().min(0).max(1e12).optional(),
  lifecycleStage: z.enum(lifecycleStages).optional(),
};

function checkSubSegment(value: { segment?: Segment; subSegment?: string }, ctx: z.RefinementCtx) {
  if (value.segment && value.subSegment && !isSubSegmentOf(value.segment, value.subSegment)) {
    ctx.addIssue({ code: 'custom', path: ['subSegment'], message: messageKeys.subSegmentMismatch });
  }
}

export const customerCreateInput = z
  .strictObject({ ...customerFields, allowDuplicate: z.boolean().optional() })
  .superRefine((value, ctx) => {
    checkSubSegment(value, ctx);
    if (!value.phone && !value.email) {
      for (const path of ['phone', 'email']) ctx.addIssue({ code: 'custom', path: [path], message: messageKeys.phoneOrEmailRequired });
    }
  });

/** The account manager changes only through customers.reassign, which keeps history and a reason. */
const { accountManager: _accountManager, ...updatableFields } = customerFields;

export const customerUpdateInput = z
  .strictObject({
    id: entityId,
    expectedVersion: z.number().int().min(1).optional(),
    ...Object.fromEntries(Object.entries(updatableFields).map(([key, schema]) => [key, schema.optional()])),
  } as { id: typeof entityId; expectedVersion: z.ZodOptional<z.ZodNumber> } & {
    [K in keyof typeof updatableFields]: z.ZodOptional<(typeof updatableFields)[K]>;
  })
  .superRefine(checkSubSegment);

export const customerReassignInput = z.strictObject({
  id: entityId,
  accountManager: requiredText(100),
  reason: requiredText(500),
});

export const customerGetInput = z.strictObject({ id: entityId });

export const customerListInput = z.strictObject({
  query: boundedText(200).optional(),
  segment: z.enum(segments).optional(),
  accountManager: boundedText(100).optional(),
  ...pageInput,
});

export type CustomerCreateInput = z.input<typeof customerCreateInput>;
export type CustomerUpdateInput = z.input<typeof customerUpdateInput>;
export type CustomerListInput = z.input<typeof customerListInput>;
