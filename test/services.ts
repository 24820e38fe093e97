import type { ConsentPurpose } from '../contracts/api/services';
import { buildUser, login, type Session, type TestApp, validIdNumber } from './app';

/** Test numbers for 身份证号 and certificate numbers: unique within a file (each file has its own database). */
let serial = 9300;

function expectStatus(res: { statusCode: number; body: string }, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
}

/**
 * A worker of the manager's agency with a signed-in social-worker account (the registry creates the worker; the test
 * links the user, as an administrator would).
 */
export async function buildLinkedWorker(
  t: TestApp,
  manager: Session,
  agencyId: string,
  level: 'assistant' | 'intermediate' | 'senior' = 'assistant',
): Promise<{ workerId: string; userId: string; session: Session }> {
  serial += 1;
  const res = await manager.inject({
    method: 'POST',
    url: '/api/workers',
    payload: {
      name: `个案社工${serial}`,
      idNumber: validIdNumber(serial),
      credential: { level, certificateNo: `CASE${String(serial).padStart(6, '0')}`, issuedOn: '2020-01-01' },
    },
  });
  expectStatus(res, 201, 'register worker');
  const workerId = res.json().id as string;
  const user = await buildUser(t, { role: 'social_worker', organizationId: agencyId });
  await t.deps.db.updateTable('workers').set({ userId: user.id }).where('id', '=', workerId).execute();
  return { workerId, userId: user.id, session: await login(t, user.username) };
}

/** A beneficiary registered by the agency's staff member, with the given consents recorded as given by the person. */
export async function buildBeneficiary(
  staff: Session,
  attrs: { consents?: readonly ConsentPurpose[]; divisionCode?: string; name?: string } = {},
): Promise<string> {
  serial += 1;
  const res = await staff.inject({
    method: 'POST',
    url: '/api/beneficiaries',
    payload: {
      name: attrs.name ?? `对象${serial}`,
      idNumber: validIdNumber(serial),
      divisionCode: attrs.divisionCode ?? '440604012001',
    },
  });
  expectStatus(res, 201, 'register beneficiary');
  const id = res.json().id as string;
  for (const purpose of attrs.consents ?? ['service']) {
    const c = await staff.inject({
      method: 'POST',
      url: `/api/beneficiaries/${id}/consents`,
      payload: { purpose, decision: 'given', givenBy: 'self', evidence: '知情同意书' },
    });
    expectStatus(c, 201, `record ${purpose} consent`);
  }
  return id;
}

export interface OpenedCase {
  id: string;
  code: string;
  version: number;
  stage: string;
  beneficiaryId: string;
  agencyId: string;
}

/** Opens a case (接案) through the API; the beneficiary needs service consent. */
export async function buildCase(
  staff: Session,
  attrs: { beneficiaryId: string; workerId: string; supervisorWorkerId: string; intakeSource?: string },
): Promise<OpenedCase> {
  const res = await staff.inject({
    method: 'POST',
    url: '/api/cases',
    payload: { intakeSource: 'outreach', ...attrs },
  });
  expectStatus(res, 201, 'open case');
  return res.json() as OpenedCase;
}
