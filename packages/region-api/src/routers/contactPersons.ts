import { email, entityId, languageTag, messageKeys, optionalText, phone, requiredText } from '@meridian/domain';
import { contactPersons, contactPersonsOf, findCustomer } from '@meridian/region-db';
import { z } from 'zod';
import { fieldError } from '../errors.ts';
import { createRouter, regionReadProcedure, regionWriteProcedure } from '../trpc.ts';
import { writeAs } from '../writeContext.ts';

export const contactPersonCreateInput = z.strictObject({
  customerId: entityId,
  name: requiredText(200),
  role: optionalText(120),
  phone: phone.optional(),
  email: email.optional(),
  preferredLanguage: languageTag.optional(),
});

export const contactPersonsRouter = createRouter({
  create: regionWriteProcedure.input(contactPersonCreateInput).mutation(async ({ ctx, input }) =>
    writeAs(ctx, 'contactPersons.create', async (tx) => {
      if (!(await findCustomer(tx, input.customerId))) throw fieldError('customerId', messageKeys.customerNotFound);
      const [contactPerson] = await tx
        .insert(contactPersons)
        .values({ ...input, createdBy: ctx.identity.login, updatedBy: ctx.identity.login })
        .returning();
      return { contactPerson: contactPerson! };
    }),
  ),

  list: regionReadProcedure
    .input(z.strictObject({ customerId: entityId }))
    .query(async ({ ctx, input }) => ({ items: await contactPersonsOf(ctx.db, input.customerId) })),
});
