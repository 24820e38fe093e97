import type { Role } from '../../../../contracts/roles';
import { ROLE_ORGANIZATION_KINDS } from '../../../../contracts/roles';
import type { Config } from '../../config';
import type { Executor } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { loadOrganization } from '../registry/organization.service';
import { hashPassword, passwordPolicyViolations } from './password';
import { findUserByUsername, insertMembership, insertUser } from './user.repository';

const DISTRICT = { code: '440604', bureauName: '禅城区民政局' };

/**
 * Creates a user from the command line (no session): how production gets its first bureau administrator, since
 * it never creates default credentials. Same password policy and audit as the admin API.
 */
export async function createFirstUser(
  db: Executor,
  config: Pick<Config, 'passwordHashing'>,
  now: Date,
  input: { username: string; displayName: string; role: Role; organizationId?: string; password: string },
) {
  const broken = passwordPolicyViolations(input.password, input.username);
  if (broken.length > 0)
    throw new Error(
      `Password rejected by the policy (${broken.join(', ')}): at least 8 characters, 3 of upper/lower/digit/symbol, not containing the username.`,
    );
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(input.username))
    throw new Error('Username: 3–64 letters, digits, . _ -');
  const passwordHash = await hashPassword(input.password, config.passwordHashing);
  return db.transaction().execute(async (trx) => {
    if (await findUserByUsername(trx, input.username)) throw new AppError('user.username_taken');
    let organization = input.organizationId ? await loadOrganization(trx, input.organizationId) : undefined;
    if (input.organizationId && !organization) throw new Error(`No organization ${input.organizationId}`);
    if (!organization) {
      if (input.role !== 'bureau_admin')
        throw new Error('--organization-id is required for roles other than bureau_admin');
      const existing = await trx
        .selectFrom('organizations')
        .select('id')
        .where('kind', '=', 'bureau')
        .where('divisionCode', '=', DISTRICT.code)
        .executeTakeFirst();
      const id =
        existing?.id ??
        (
          await trx
            .insertInto('organizations')
            .values({
              name: DISTRICT.bureauName,
              kind: 'bureau',
              divisionCode: DISTRICT.code,
              createdAt: now,
              updatedAt: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      organization = await loadOrganization(trx, id);
    }
    if (!organization) throw new Error('organization vanished inside its own transaction');
    if (!ROLE_ORGANIZATION_KINDS[input.role].includes(organization.kind)) {
      throw new Error(`Role ${input.role} cannot be held in a ${organization.kind} organization`);
    }
    const user = await insertUser(trx, {
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await insertMembership(trx, { userId: user.id, organizationId: organization.id, role: input.role, createdAt: now });
    await recordAudit(trx, { actor: null, ip: 'cli', requestId: `cli-${process.pid}`, locale: 'en' }, now, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      divisionCode: organization.divisionCode,
      summary: { after: { username: user.username, role: input.role, organizationId: organization.id }, via: 'cli' },
    });
    return { id: user.id, username: user.username, organizationName: organization.name };
  });
}
