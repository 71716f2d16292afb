import { messageKeys, projectCreateInput, projectListInput } from '@meridian/domain';
import { findCustomer, insertProject, listProjects } from '@meridian/region-db';
import { fieldError } from '../errors.ts';
import { createRouter, regionReadProcedure, regionWriteProcedure } from '../trpc.ts';
import { writeAs } from '../writeContext.ts';

export const projectsRouter = createRouter({
  create: regionWriteProcedure.input(projectCreateInput).mutation(async ({ ctx, input }) =>
    writeAs(ctx, 'projects.create', async (tx) => {
      if (!(await findCustomer(tx, input.customerId))) throw fieldError('customerId', messageKeys.customerNotFound);
      // Uniqueness of the job code is the database's rule; a clash comes back as jobCode: job_code_taken.
      const project = await insertProject(tx, { ...input, actor: ctx.identity.login });
      return { project };
    }),
  ),

  list: regionReadProcedure.input(projectListInput).query(({ ctx, input }) => listProjects(ctx.db, input)),
});
