import type { Kysely } from 'kysely';
import type { Role } from '../../../contracts/roles';
import type { Config } from '../config';
import type { DatabaseKind } from '../db/database';
import type { DB } from '../db/schema';
import type { Locale } from './i18n';
import type { PiiKeys } from './pii';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What the services need from the outside world; built once in main.ts (or by a test). */
export interface Deps {
  db: Kysely<DB>;
  dbKind: DatabaseKind;
  config: Config;
  clock: Clock;
  /** Keys for personal data, derived once from config.piiMasterKey. */
  pii: PiiKeys;
}

export interface ActorMembership {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationKind: 'bureau' | 'purchaser' | 'agency' | 'evaluator' | 'community';
  divisionCode: string;
  divisionName: string;
  role: Role;
}

/** The signed-in user behind a request, with what they may see. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
  sessionExpiresAt: Date;
  memberships: ActorMembership[];
  roles: ReadonlySet<Role>;
}

/** Who is asking, from where: what services need for policy decisions and audit rows. */
export interface RequestContext {
  actor: Actor | null;
  ip: string;
  requestId: string;
  locale: Locale;
}

export interface AuthedContext extends RequestContext {
  actor: Actor;
}
