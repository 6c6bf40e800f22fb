export * from './audit';
export * from './jobs';
export * from './networks';
export * from './people';
