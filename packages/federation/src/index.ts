export { FederationKeyStore } from './keyStore.ts';
export { createRegionClient, type RegionClient } from './sync/regionClient.ts';
export { startRegionSync, type RegionSync, type RegionSyncOptions } from './sync/regionSync.ts';
export { reconcileCustomers, type ReconcileSummary } from './reconcile/reconcileCustomers.ts';
export {
  completeQueueDecision,
  decideCandidate,
  decideCandidates,
  recordQueueDecisions,
  undoDecision,
  StewardError,
  type DecisionResult,
  type QueueDecision,
} from './reconcile/stewardDecisions.ts';
export { completeHandDecision, recordHandLink, recordHandSplit, recordHandUndo, type HandDecision, type HandOutcome, type LinkSubject } from './reconcile/manualLinks.ts';
export { keysOfAlias, learnAccountAliases } from './reconcile/learnAliases.ts';
export { assignGlobalCodes, resolveCode } from './reconcile/assignGlobalCodes.ts';
export { verifyRegion, positionReached, type VerifyRegionOptions, type VerificationReport, type EntityVerification } from './sync/antiEntropy.ts';
export { createVerificationScheduler, verificationScheduleFromEnv, type VerificationScheduler, type VerificationScheduleOptions } from './sync/verificationSchedule.ts';
export { checkRegionAuditChain, createAuditChainChecks, type AuditChainCheck, type AuditChainChecks, type AuditChainCheckOptions } from './sync/auditChainCheck.ts';
