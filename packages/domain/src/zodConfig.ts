import { z } from 'zod';
import { messageKeys } from './messageKeys.ts';

// A missing field is "required" whatever its type (enum, uuid, date …), not "invalid option": that
// is what a person filling the form needs to read. Schema-specific messages still take precedence.
z.config({
  customError: (issue) => (issue.input === undefined ? messageKeys.required : undefined),
});
