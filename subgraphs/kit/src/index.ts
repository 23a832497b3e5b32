import 'reflect-metadata';

export * from './config';
export * from './context';
export * from './database';
export * from './dataset';
export * from './errors';
export * from './log';
export * from './main';
export * from './migration';
export * from './page.args';
export * from './pagination';
export * from './seed';
export * from './subgraph';
export * from './partner-type/activity.entity';
export * from './partner-type/member.entity';
export * from './partner-type/partner-profile.entity';
export * from './partner-type/partner-type.subgraph';
export * from './partner-type/migrations/profile-table';
