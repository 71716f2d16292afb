import { boundedText, contactTypeGroups, contactTypeTree } from '@meridian/domain';
import { resolveLocale, serverTranslator } from '@meridian/i18n';
import { z } from 'zod';
import { authenticatedProcedure, createRouter } from '../trpc.ts';

export const contactTypesRouter = createRouter({
  /** The hierarchy with labels in the asked locale; types the region hides are left out. */
  tree: authenticatedProcedure
    .input(z.strictObject({ locale: boundedText(20).optional() }).optional())
    .query(({ ctx, input }) => {
      const t = serverTranslator().getFixedT(resolveLocale(input?.locale ?? ctx.region.defaultLanguage), 'contactTypes');
      const hidden = new Set(ctx.region.config.contactTypes.hidden);
      return contactTypeGroups
        .map((group) => ({
          code: group,
          label: t(`${group}.label`),
          children: contactTypeTree[group]
            .map((leaf) => `${group}.${leaf}`)
            .filter((code) => !hidden.has(code))
            .map((code) => ({ code, label: t(code) })),
        }))
        .filter((group) => group.children.length > 0);
    }),
});
