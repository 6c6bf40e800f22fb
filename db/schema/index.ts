export * from './audit';
export * from './enums';
export * from './events';
export * from './jobs';
export * from './networks';
export * from './people';
export * from './rate-limits';
export * from './registrations';
