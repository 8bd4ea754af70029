export * from './actor.ts';
export * from './mission.ts';
export * from './search-attributes.ts';
export * from './audit.ts';
