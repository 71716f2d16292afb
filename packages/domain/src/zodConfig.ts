import { z } from 'zod';
import { messageKeys } from './messageKeys.ts';

// A missing field is "required" whatever its type (enum, uuid, date …), not "invalid option": that
// is what a person filling the form needs to read. Schema-specific messages still take precedence.
z.config({
  // In a browser the plugin runs under a Content-Security-Policy without 'unsafe-eval'; zod's one-off
  // eval probe (made when the first object schema is built, so it must be set here, before any schema)
  // would be reported as a violation there. Servers keep zod's compiled parsers.
  jitless: typeof document !== 'undefined',
  customError: (issue) => (issue.input === undefined ? messageKeys.required : undefined),
});
