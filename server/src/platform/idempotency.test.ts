import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildOrganization, type Session, setupTestApp, signInAs, type TestApp } from '../../../test/app';
import { buildProject } from '../../../test/projects';

let t: TestApp;
let manager: Session;
let other: Session;
let projectId: string;

beforeAll(async () => {
  t = await setupTestApp();
  const agency = await buildAgency(t, '440604012', ['440604012']);
  manager = await signInAs(t, 'agency_manager', { id: agency.id });
  other = await signInAs(t, 'agency_manager', { id: agency.id });
  const unit = await buildOrganization(t, { kind: 'purchaser', divisionCode: '440604012' });
  projectId = (await buildProject(t, { status: 'in_service', purchaserId: unit.id, agencyId: agency.id })).id;
});
afterAll(() => t.close());

const survey = (s: Session, key: string | undefined, score = 5) =>
  s.inject({
    method: 'POST',
    url: '/api/satisfaction-surveys',
    headers: key === undefined ? {} : { 'idempotency-key': key },
    payload: { projectId, score, surveyedOn: '2026-11-28' },
  });

const surveys = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('satisfactionSurveys')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('Idempotency-Key on POST', () => {
  it('replays the first answer to a retry instead of creating a second record', async () => {
    const before = await surveys();
    const first = await survey(manager, 'retry-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    const retry = await survey(manager, 'retry-key-0001');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await surveys()).toBe(before + 1);

    // Another user's key space is their own; no key means no deduplication.
    expect((await survey(other, 'retry-key-0001')).headers['idempotent-replayed']).toBeUndefined();
    await survey(manager, undefined);
    expect(await surveys()).toBe(before + 3);
  });

  it('refuses the same key with a different request, and malformed keys, changing nothing', async () => {
    expect((await survey(manager, 'retry-key-0002', 5)).statusCode).toBe(201);
    const before = await surveys();
    const reused = await survey(manager, 'retry-key-0002', 1);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe('idempotency.key_reused');
    for (const key of ['short', 'x'.repeat(201), 'has space in it']) {
      const res = await survey(manager, key);
      expect(res.statusCode, key).toBe(400);
      expect(res.json().error.code).toBe('idempotency.key_invalid');
    }
    expect(await surveys()).toBe(before);
  });

  it('answers 409 to a retry that arrives while the first request is running, and replays errors too', async () => {
    const [a, b] = await Promise.all([survey(manager, 'retry-key-0003'), survey(manager, 'retry-key-0003')]);
    const codes = [a.statusCode, b.statusCode].sort();
    // Either the second waited for the first (replay) or it overlapped (409 in progress): never two records.
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(codes);
    const bad = await manager.inject({
      method: 'POST',
      url: '/api/satisfaction-surveys',
      headers: { 'idempotency-key': 'retry-key-0004' },
      payload: { projectId, score: 5, surveyedOn: '2027-01-01' },
    });
    expect(bad.statusCode).toBe(400);
    const again = await manager.inject({
      method: 'POST',
      url: '/api/satisfaction-surveys',
      headers: { 'idempotency-key': 'retry-key-0004' },
      payload: { projectId, score: 5, surveyedOn: '2027-01-01' },
    });
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});
