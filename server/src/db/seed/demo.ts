import type { OrganizationKind, Role } from '../../../../contracts/roles';
import { loadReferenceDivisions } from '../../modules/divisions/division.data';
import { type HashingCost, hashPassword } from '../../modules/identity/password';
import type { PiiKeys } from '../../platform/pii';
import type { Executor } from '../schema';
import { seedProjects } from './projects';
import { seedRegistry } from './registry';
import { generateRegistry } from './registry-generator';
import { seedServices } from './services';

/**
 * Demo dataset: fictitious organizations (names end in 示例) and one account per role. Loaded only into an empty
 * database outside production. The password is published in the README: never use these accounts for real data.
 */
export const DEMO_PASSWORD = 'Shegong#2026';

interface DemoOrg {
  key: string;
  name: string;
  kind: OrganizationKind;
  divisionCode: string;
}

const BASE_ORGS: DemoOrg[] = [
  { key: 'bureau', name: '禅城区民政局', kind: 'bureau', divisionCode: '440604' },
  { key: 'buyer-zumiao', name: '祖庙街道办事处（示例）', kind: 'purchaser', divisionCode: '440604012' },
  { key: 'buyer-shiwan', name: '石湾镇街道办事处（示例）', kind: 'purchaser', divisionCode: '440604010' },
  { key: 'buyer-zhangcha', name: '张槎街道办事处（示例）', kind: 'purchaser', divisionCode: '440604011' },
  { key: 'buyer-nanzhuang', name: '南庄镇人民政府（示例）', kind: 'purchaser', divisionCode: '440604100' },
  { key: 'evaluator', name: '佛山衡正社会服务评估中心（示例）', kind: 'evaluator', divisionCode: '440604' },
  { key: 'community-zumiao', name: '朝安东社区居委会（示例）', kind: 'community', divisionCode: '440604012001' },
  { key: 'community-shiwan', name: '澜石社区居委会（示例）', kind: 'community', divisionCode: '440604010001' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  org: string;
  note: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'demo-admin',
    displayName: '区民政局管理员（示例）',
    role: 'bureau_admin',
    org: 'bureau',
    note: '民政局管理员 · 全区 440604',
  },
  {
    username: 'demo-buyer-zumiao',
    displayName: '祖庙街道购买方（示例）',
    role: 'purchaser',
    org: 'buyer-zumiao',
    note: '购买方 · 祖庙街道 440604012',
  },
  {
    username: 'demo-buyer-shiwan',
    displayName: '石湾街道购买方（示例）',
    role: 'purchaser',
    org: 'buyer-shiwan',
    note: '购买方 · 石湾镇街道 440604010',
  },
  {
    username: 'demo-agency',
    displayName: '社工机构主任（示例）',
    role: 'agency_manager',
    org: 'agency-zumiao',
    note: '机构管理员',
  },
  {
    username: 'demo-worker',
    displayName: '社工（示例）',
    role: 'social_worker',
    org: 'agency-zumiao',
    note: '社工（本人档案）',
  },
  {
    username: 'demo-supervisor',
    displayName: '督导（示例）',
    role: 'social_worker',
    org: 'agency-zumiao',
    note: '督导社工（本人档案）',
  },
  {
    username: 'demo-evaluator',
    displayName: '评估专家（示例）',
    role: 'evaluator',
    org: 'evaluator',
    note: '第三方评估',
  },
  {
    username: 'demo-community',
    displayName: '朝安东社区工作人员（示例）',
    role: 'community_staff',
    org: 'community-zumiao',
    note: '社区工作人员 · 朝安东社区',
  },
  { username: 'demo-resident', displayName: '陈伯（示例）', role: 'resident', org: 'community-zumiao', note: '居民' },
];

export async function isDatabaseEmpty(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/** Generator settings of the demo registry: fixed seed, so every installation shows the same fictitious district. */
export const DEMO_REGISTRY_SEED = 20_261_129;

export async function seedDemo(db: Executor, cost: HashingCost, now: Date, pii: PiiKeys): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, cost);
  const registry = generateRegistry({ seed: DEMO_REGISTRY_SEED, today: now, divisions: loadReferenceDivisions() });
  // The demo agency accounts act for two generated agencies, one based in 祖庙 and one in 石湾.
  const pick = (prefix: string) => {
    const agency = registry.agencies.find((a) => a.status === 'active' && a.divisionCode.startsWith(prefix));
    if (!agency) throw new Error(`the demo registry has no active agency in ${prefix}`);
    return agency;
  };
  const zumiaoAgency = pick('440604012');
  const shiwanAgency = pick('440604010');
  const ORGS: DemoOrg[] = [
    ...BASE_ORGS,
    { key: 'agency-zumiao', name: zumiaoAgency.name, kind: 'agency', divisionCode: zumiaoAgency.divisionCode },
    { key: 'agency-shiwan', name: shiwanAgency.name, kind: 'agency', divisionCode: shiwanAgency.divisionCode },
  ];
  const orgIds = new Map<string, string>();
  await db.transaction().execute(async (trx) => {
    for (const org of ORGS) {
      const { id } = await trx
        .insertInto('organizations')
        .values({ name: org.name, kind: org.kind, divisionCode: org.divisionCode, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(org.key, id);
    }
    for (const account of DEMO_ACCOUNTS) {
      const { id } = await trx
        .insertInto('users')
        .values({
          username: account.username,
          displayName: account.displayName,
          passwordHash,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const organizationId = orgIds.get(account.org);
      if (!organizationId)
        throw new Error(`demo account ${account.username} names unknown organization ${account.org}`);
      await trx
        .insertInto('memberships')
        .values({ userId: id, organizationId, role: account.role, createdAt: now })
        .execute();
    }
    await trx
      .insertInto('auditEvents')
      .values({
        at: now,
        actorUserId: null,
        actorUsername: null,
        ip: null,
        action: 'system.seed_demo',
        targetType: null,
        targetId: null,
        divisionCode: null,
        summary: JSON.stringify({
          organizations: ORGS.length + registry.purchasers.length + registry.agencies.length,
          users: DEMO_ACCOUNTS.length + registry.purchasers.length,
          workers: registry.workers.length,
        }),
        requestId: null,
      })
      .execute();
  });
  await seedRegistry(db, registry, {
    pii,
    now,
    accountPasswordHash: passwordHash,
    existingByName: new Map(ORGS.map((o) => [o.name, orgIds.get(o.key)!])),
  });
  // demo-worker and demo-supervisor are two of the 祖庙 agency's social workers (the supervisor the most senior one):
  // link each account to that worker's record.
  const zumiaoWorkers = await db
    .selectFrom('workers')
    .select(['id', 'name', 'credentialLevel'])
    .where('agencyId', '=', orgIds.get('agency-zumiao')!)
    .orderBy('name')
    .execute();
  const seniority = ['senior', 'intermediate', 'assistant'];
  const rank = (level: string | null) => (level ? seniority.indexOf(level) : seniority.length);
  const supervisorRecord = zumiaoWorkers.slice(1).sort((a, b) => rank(a.credentialLevel) - rank(b.credentialLevel))[0];
  const links = [
    { username: 'demo-worker', record: zumiaoWorkers[0] },
    { username: 'demo-supervisor', record: supervisorRecord },
  ];
  for (const { username, record } of links) {
    if (!record) throw new Error(`the demo 祖庙 agency has no worker record for ${username}`);
    const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
    await db.updateTable('workers').set({ userId: user.id }).where('id', '=', record.id).execute();
    await db
      .updateTable('users')
      .set({ displayName: `${record.name}（示例）` })
      .where('id', '=', user.id)
      .execute();
  }
  // Projects of the demo purchasers in every lifecycle state (projects-generator.ts), on top of the registry.
  await seedProjects(db, { now, seed: DEMO_REGISTRY_SEED, organizations: orgIds });
  // Service delivery on the projects in service and completed (services-generator.ts): beneficiaries, cases, groups,
  // activities, service records and surveys.
  await seedServices(db, {
    now,
    seed: DEMO_REGISTRY_SEED,
    pii,
    organizations: orgIds,
    accountPasswordHash: passwordHash,
  });
}
