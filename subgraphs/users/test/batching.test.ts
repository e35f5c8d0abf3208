import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, document, modes } from '@seats/testkit';
import { newUser, UsersFixture } from './support/users.js';

interface UserView {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
}

const register = document<{ register: { user: UserView } }, { input: ReturnType<typeof newUser> }>(
  'mutation ($input: RegisterInput!) { register(input: $input) { user { id email name role createdAt } } }',
);
const userEntities = document<
  { _entities: Array<UserView | null> },
  { reps: Array<{ __typename: 'User'; id: string }> }
>('query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id email name role createdAt } } }');

/** One `_entities` call with N User references costs the same number of statements as with one. */
describe.each(modes)('user references batched per request (%s)', (mode) => {
  let users: UsersFixture;
  const registered: UserView[] = [];

  beforeAll(async () => {
    users = await UsersFixture.start(mode);
    for (let i = 0; i < 4; i++) {
      const result = await users.harness.gql(register, { input: newUser({ name: `Reader ${i}` }) });
      expect(result.errors).toBeUndefined();
      registered.push(result.data!.register.user);
    }
  });
  afterAll(() => users?.dispose());

  const statements = async (ids: readonly string[]) => {
    const reps = ids.map((id) => ({ __typename: 'User' as const, id }));
    const { result, queries } = await countQueries(() => users.harness.gql(userEntities, { reps }));
    expect(result.errors).toBeUndefined();
    return { entities: result.data?._entities, statements: queries.length };
  };

  it('resolves N user references in one statement, as one, in order and with null for unknown and malformed ids', async () => {
    const one = await statements([registered[0]!.id]);
    const many = await statements([
      ...registered.map((u) => u.id.toUpperCase()).reverse(),
      randomUUID(),
      'not-a-uuid',
      registered[0]!.id,
    ]);
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(one.statements);
    expect(one.entities).toEqual([registered[0]]);
    expect(many.entities).toEqual([...[...registered].reverse(), null, null, registered[0]]);
  });

  it('sends no statement for references that are all malformed', async () => {
    const none = await statements(['nope', 'also-nope']);
    expect(none.statements).toBe(0);
    expect(none.entities).toEqual([null, null]);
  });
});
