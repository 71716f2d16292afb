/**
 * Two-level contact-type hierarchy. Codes are global and stable across regions (HQ analyses by them),
 * so a code is never renamed or reused; labels live in the i18n package under `contactTypes`.
 */
export const contactTypeTree = {
  enquiry: ['pricing', 'availability', 'technical', 'capability', 'general'],
  order: ['new', 'change', 'cancellation', 'renewal'],
  complaint: ['timeliness', 'quality', 'billing', 'staff_conduct', 'communication', 'safety'],
  information: ['gathering', 'classification', 'market_intelligence', 'customer_update'],
  help_request: ['routine', 'technical_support', 'maintenance', 'emergency'],
} as const;

export type ContactTypeGroup = keyof typeof contactTypeTree;
export const contactTypeGroups = Object.keys(contactTypeTree) as ContactTypeGroup[];

export const contactTypeCodes: string[] = contactTypeGroups.flatMap((group) =>
  contactTypeTree[group].map((leaf) => `${group}.${leaf}`),
);

export function isContactTypeCode(code: string): boolean {
  return contactTypeCodes.includes(code);
}

export function contactTypeGroupOf(code: string): ContactTypeGroup {
  return code.split('.')[0] as ContactTypeGroup;
}

/** Help requests are the support/maintenance work tracked against an agreed service level. */
export function isServiceLevelTracked(typeCode: string): boolean {
  return contactTypeGroupOf(typeCode) === 'help_request';
}
