// Security of the car–home flows (seed §3.4.7, §5(3)–(5)): identities and Ed25519 keys for every twin, signed
// critical commands, freshness and replay checks, scoped expiring access grants, and the occupant-confirmation
// policy. Pure TypeScript: the signature scheme is injected (SignatureProvider), with a portable default.
export * from './signature-provider';
export * from './noble-ed25519';
export * from './identities';
export * from './critical-commands';
export * from './signed-command';
export * from './access-grants';
export * from './confirmations';
export * from './replay-guard';
export * from './trust-registry';
export { SecurityAgent, type AgentPolicy } from './security-agent';
export * from './command-security';
