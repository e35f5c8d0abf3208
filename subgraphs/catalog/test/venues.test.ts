import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type LayoutSeat } from '@seats/platform';
import { document, firstError, modes } from '@seats/testkit';
import { createVenue, rowName, startCatalog, user, venueInput, type CatalogFixture } from './support/catalog.js';

const hall = (rows: number, seatsPerRow: number) =>
  Array.from({ length: rows }, (_, i) => ({
    row: rowName(i),
    from: 1,
    to: seatsPerRow,
    category: i < rows - 2 ? 'STANDARD' : 'PREMIUM',
  }));

const venueIds = document<{ venues: Array<{ id: string }> }>('{ venues { id } }');

const screenWith = (rows: unknown[]) => ({ screens: [{ name: 'Screen 1', rows }] });

describe.each(modes)('venues and seat layouts (%s)', (mode) => {
  let catalog: CatalogFixture;

  beforeAll(async () => {
    catalog = await startCatalog(mode);
  });
  afterAll(() => catalog?.dispose());

  it('creates a cinema whose screens report their seats and categories', async () => {
    const result = await catalog.gql(createVenue, { input: venueInput() });
    expect(result.errors).toBeUndefined();
    const venue = result.data!.createVenue;
    expect(venue).toMatchObject({ name: 'Harbour Pictures', city: 'Kiel', address: 'Kai 1' });
    expect(venue.screens).toEqual([
      {
        id: expect.any(String) as string,
        name: 'Screen 1',
        seatCount: 20,
        categories: ['STANDARD', 'PREMIUM'],
        venue: { id: venue.id },
      },
    ]);
    const listed = await catalog.gql(venueIds);
    expect(listed.data?.venues).toContainEqual({ id: venue.id });
  });

  it('records one ScreenUpserted per screen, with every seat, in the same transaction', async () => {
    const input = venueInput({
      name: 'Twin Screens',
      screens: [
        { name: 'Small', rows: [{ row: 'A', from: 3, to: 5, category: 'STANDARD' }] },
        {
          name: 'Large',
          rows: [
            { row: 'A', from: 1, to: 2, category: 'STANDARD' },
            { row: 'B', from: 1, to: 2, category: 'VIP_2' },
          ],
        },
      ],
    });
    const venue = (await catalog.gql(createVenue, { input })).data!.createVenue;
    const events = await catalog.query<{
      payload: { screenId: string; venueId: string; name: string; seats: LayoutSeat[] };
    }>(
      sql`select payload from catalog.outbox where type = 'ScreenUpserted' and payload->>'venueId' = ${venue.id} order by seq`,
    );
    expect(events.map((e) => e.payload.screenId)).toEqual(venue.screens.map((s) => s.id));
    expect(events[0]?.payload.seats).toEqual([
      { seatId: 'A3', label: 'A3', row: 'A', number: 3, category: 'STANDARD', x: 3, y: 0 },
      { seatId: 'A4', label: 'A4', row: 'A', number: 4, category: 'STANDARD', x: 4, y: 0 },
      { seatId: 'A5', label: 'A5', row: 'A', number: 5, category: 'STANDARD', x: 5, y: 0 },
    ]);
    expect(events[1]?.payload).toMatchObject({ name: 'Large', venueId: venue.id });
    expect(events[1]?.payload.seats.map((s) => [s.seatId, s.category, s.x, s.y])).toEqual([
      ['A1', 'STANDARD', 1, 0],
      ['A2', 'STANDARD', 2, 0],
      ['B1', 'VIP_2', 1, 1],
      ['B2', 'VIP_2', 2, 1],
    ]);
  });

  it('accepts a 10,000-seat hall of 100 rows of 100 seats', async () => {
    const input = venueInput({ name: 'Arena', screens: [{ name: 'Grand Hall', rows: hall(100, 100) }] });
    const result = await catalog.gql(createVenue, { input });
    expect(result.errors).toBeUndefined();
    const screen = result.data!.createVenue.screens[0]!;
    expect(screen).toMatchObject({ seatCount: 10_000, categories: ['STANDARD', 'PREMIUM'] });
    const [stored] = await catalog.query<{ count: number }>(
      sql`select count(*)::int as count from catalog.layout_seats where screen_id = ${screen.id}`,
    );
    expect(stored?.count).toBe(10_000);
    const [event] = await catalog.query<{ seats: number }>(
      sql`select jsonb_array_length(payload->'seats') as seats from catalog.outbox where payload->>'screenId' = ${screen.id}`,
    );
    expect(event?.seats).toBe(10_000);
  });

  it('refuses callers who are not admins', async () => {
    expect(firstError(await catalog.gql(createVenue, { input: venueInput() }, null))?.code).toBe('UNAUTHENTICATED');
    expect(firstError(await catalog.gql(createVenue, { input: venueInput() }, user))?.code).toBe('FORBIDDEN');
  });

  const row = (overrides: Record<string, unknown> = {}) => ({
    row: 'A',
    from: 1,
    to: 10,
    category: 'STANDARD',
    ...overrides,
  });

  it.each([
    ['a blank name', { name: ' ' }, 'input.name'],
    ['a blank city', { city: '' }, 'input.city'],
    ['no screens', { screens: [] }, 'input.screens'],
    [
      'two screens of one name',
      {
        screens: [
          { name: 'One', rows: [row()] },
          { name: 'one', rows: [row()] },
        ],
      },
      'input.screens[1].name',
    ],
    ['a screen without rows', screenWith([]), 'input.screens[0].rows'],
    ['a repeated row', screenWith([row(), row({ row: 'B' }), row({ row: 'B' })]), 'input.screens[0].rows[2].row'],
    ['a row name with digits', screenWith([row({ row: 'A1' })]), 'input.screens[0].rows[0].row'],
    [
      'a row that ends before it starts',
      screenWith([row(), row({ row: 'B', from: 5, to: 4 })]),
      'input.screens[0].rows[1].to',
    ],
    ['seat number 0', screenWith([row({ from: 0 })]), 'input.screens[0].rows[0].from'],
    ['a row of 201 seats', screenWith([row({ from: 1, to: 201 })]), 'input.screens[0].rows[0].to'],
    ['a lower-case category', screenWith([row({ category: 'premium' })]), 'input.screens[0].rows[0].category'],
    [
      'a category over 32 characters',
      screenWith([row({ category: `P${'X'.repeat(32)}` })]),
      'input.screens[0].rows[0].category',
    ],
    ['101 rows', screenWith(hall(101, 1)), 'input.screens[0].rows'],
    ['more than 10,000 seats', screenWith(hall(51, 200)), 'input.screens[0].rows'],
    [
      'a layout too large for one event',
      screenWith(hall(50, 200).map((r) => ({ ...r, from: 800, to: 999, category: `C${'X'.repeat(31)}` }))),
      'input.screens[0].rows',
    ],
  ])('refuses %s with BAD_USER_INPUT on its field and stores nothing', async (_, overrides, field) => {
    const name = `Refused ${randomUUID()}`;
    const result = await catalog.gql(createVenue, { input: { ...venueInput({ name }), ...overrides } });
    expect(firstError(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await catalog.query(sql`select id from catalog.venues where name = ${name}`)).toEqual([]);
  });

  it('answers venue(id) with null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(await catalog.gql('query($id: ID!) { venue(id: $id) { id } }', { id: randomUUID() })).toEqual({
      data: { venue: null },
    });
    const malformed = await catalog.gql('query($id: ID!) { venue(id: $id) { id } }', { id: '12' });
    expect(firstError(malformed)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('resolves Screen and Venue references', async () => {
    const venue = (await catalog.gql(createVenue, { input: venueInput({ name: 'Referenced' }) })).data!.createVenue;
    const screen = venue.screens[0]!;
    const result = await catalog.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Screen { id name seatCount venue { name } }
        ... on Venue { id name }
      } }`,
      {
        reps: [
          { __typename: 'Screen', id: screen.id },
          { __typename: 'Venue', id: venue.id },
          { __typename: 'Screen', id: randomUUID() },
        ],
      },
    );
    expect(result.data).toEqual({
      _entities: [
        { id: screen.id, name: 'Screen 1', seatCount: 20, venue: { name: 'Referenced' } },
        { id: venue.id, name: 'Referenced' },
        null,
      ],
    });
  });
});
