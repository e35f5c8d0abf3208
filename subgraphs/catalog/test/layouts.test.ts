import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type LayoutSeat } from '@seats/platform';
import { document, firstError, modes } from '@seats/testkit';
import {
  createTrain,
  createVenue,
  startCatalog,
  trainInput,
  venueInput,
  type CatalogFixture,
} from './support/catalog.js';

type Placed = { code: string; x: number; y: number; position: string | null };

const layoutOf = document<
  { venue: { screens: Array<{ seatCount: number; layout: Array<Record<string, unknown>> }> } },
  { id: string }
>(`query($id: ID!) { venue(id: $id) { screens { seatCount layout { code x y category accessible position } } } }`);

const trainSeats = document<
  { train: { seats: Placed[]; coaches: Array<{ number: number; seats: Placed[] }> } },
  { id: string }
>(`query($id: ID!) { train(id: $id) { seats { code x y position } coaches { number seats { code x y position } } } }`);

const withRows = (rows: unknown[], name = `Hall ${randomUUID()}`) =>
  venueInput({ name, screens: [{ name: 'Screen 1', rows }] });

describe.each(modes)('seat layouts with gaps, aisles and accessible seats (%s)', (mode) => {
  let catalog: CatalogFixture;

  beforeAll(async () => {
    catalog = await startCatalog(mode);
  });
  afterAll(() => catalog?.dispose());

  async function layout(rows: unknown[]): Promise<{ venueId: string; seats: Array<Record<string, unknown>> }> {
    const created = await catalog.gql(createVenue, { input: withRows(rows) });
    expect(created.errors).toBeUndefined();
    const venueId = created.data!.createVenue.id;
    const read = await catalog.gql(layoutOf, { id: venueId });
    return { venueId, seats: read.data!.venue.screens[0]!.layout };
  }

  it('keeps left-out numbers and aisles as empty columns, and cross aisles as empty lines', async () => {
    const { seats } = await layout([
      {
        row: 'A',
        ranges: [
          { from: 1, to: 2, category: 'STANDARD', accessible: true },
          { from: 5, to: 6, category: 'STANDARD' },
        ],
      },
      { row: 'B', from: 1, to: 4, category: 'PREMIUM', aislesAfter: [2], offset: 3, aisleBefore: true },
    ]);
    expect(seats.map((s) => [s.code, s.x, s.y, s.accessible, s.position])).toEqual([
      ['A1', 1, 0, true, null],
      ['A2', 2, 0, true, null],
      ['A5', 5, 0, false, null],
      ['A6', 6, 0, false, null],
      ['B1', 4, 2, false, null],
      ['B2', 5, 2, false, 'AISLE'],
      ['B3', 7, 2, false, 'AISLE'],
      ['B4', 8, 2, false, null],
    ]);
  });

  it('marks the seats on both sides of an aisle that falls into a gap between blocks', async () => {
    const { seats } = await layout([
      {
        row: 'C',
        ranges: [
          { from: 1, to: 3, category: 'STANDARD' },
          { from: 6, to: 7, category: 'STANDARD' },
        ],
        aislesAfter: [4],
      },
    ]);
    expect(seats.filter((s) => s.position === 'AISLE').map((s) => [s.code, s.x])).toEqual([
      ['C3', 3],
      ['C6', 7],
    ]);
  });

  it('carries accessible seats in ScreenUpserted, naming the flag only where it is true', async () => {
    const { venueId } = await layout([
      { row: 'A', from: 1, to: 2, category: 'STANDARD', accessible: true },
      { row: 'B', from: 1, to: 1, category: 'STANDARD', aislesAfter: [] },
    ]);
    const [event] = await catalog.query<{ payload: { seats: LayoutSeat[] } }>(
      sql`select payload from catalog.outbox where type = 'ScreenUpserted' and payload->>'venueId' = ${venueId}`,
    );
    expect(event?.payload.seats).toEqual([
      { seatId: 'A1', label: 'A1', row: 'A', number: 1, category: 'STANDARD', x: 1, y: 0, accessible: true },
      { seatId: 'A2', label: 'A2', row: 'A', number: 2, category: 'STANDARD', x: 2, y: 0, accessible: true },
      { seatId: 'B1', label: 'B1', row: 'B', number: 1, category: 'STANDARD', x: 1, y: 1 },
    ]);
  });

  it('shows each coach seat as WINDOW or AISLE, in the same places as the train layout', async () => {
    const created = await catalog.gql(createTrain, { input: trainInput() });
    const result = await catalog.gql(trainSeats, { id: created.data!.createTrain.id });
    const train = result.data!.train;
    const [first, second] = train.coaches;
    expect(train.seats).toHaveLength(20);
    expect(first!.seats.slice(0, 4)).toEqual([
      { code: 'C1-1', x: 0, y: 0, position: 'WINDOW' },
      { code: 'C1-2', x: 0, y: 1, position: 'AISLE' },
      { code: 'C1-3', x: 0, y: 3, position: 'AISLE' },
      { code: 'C1-4', x: 0, y: 4, position: 'WINDOW' },
    ]);
    expect(second!.seats[0]).toEqual({ code: 'C2-1', x: 3, y: 0, position: 'WINDOW' });
    expect([...first!.seats, ...second!.seats]).toEqual(train.seats);
  });

  const range = (from: number, to: number, category = 'STANDARD') => ({ from, to, category });
  const rows = 'input.screens[0].rows';

  it.each([
    ['overlapping blocks (a seat twice)', [{ row: 'A', ranges: [range(1, 5), range(5, 8)] }], `${rows}[0].ranges[1]`],
    [
      'a block inside another given first',
      [{ row: 'A', ranges: [range(10, 12), range(1, 20)] }],
      `${rows}[0].ranges[1]`,
    ],
    ['a block and from/to together', [{ row: 'A', ...range(1, 2), ranges: [range(3, 4)] }], `${rows}[0].ranges`],
    ['a row without seats', [{ row: 'A', ranges: [] }], `${rows}[0].ranges`],
    ['a row with neither blocks nor from', [{ row: 'A', to: 4, category: 'STANDARD' }], `${rows}[0].from`],
    ['a row with neither blocks nor a category', [{ row: 'A', from: 1, to: 4 }], `${rows}[0].category`],
    ['a block ending before it starts', [{ row: 'A', ranges: [range(1, 2), range(9, 8)] }], `${rows}[0].ranges[1].to`],
    ['a block of a lower-case category', [{ row: 'A', ranges: [range(1, 2, 'vip')] }], `${rows}[0].ranges[0].category`],
    [
      '21 blocks in a row',
      [{ row: 'A', ranges: Array.from({ length: 21 }, (_, i) => range(i * 2 + 1, i * 2 + 1)) }],
      `${rows}[0].ranges`,
    ],
    ['blocks of 201 seats in a row', [{ row: 'A', ranges: [range(1, 100), range(101, 201)] }], `${rows}[0].ranges`],
    ['an aisle after the last seat', [{ row: 'A', ...range(1, 10), aislesAfter: [10] }], `${rows}[0].aislesAfter[0]`],
    ['an aisle before the first seat', [{ row: 'A', ...range(3, 10), aislesAfter: [2] }], `${rows}[0].aislesAfter[0]`],
    ['one aisle twice', [{ row: 'A', ...range(1, 10), aislesAfter: [4, 4] }], `${rows}[0].aislesAfter[1]`],
    [
      '11 aisles',
      [{ row: 'A', ...range(1, 20), aislesAfter: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] }],
      `${rows}[0].aislesAfter`,
    ],
    ['an offset of 101 columns', [{ row: 'A', ...range(1, 10), offset: 101 }], `${rows}[0].offset`],
    [
      'a negative offset',
      [
        { row: 'B', ...range(1, 10) },
        { row: 'A', ...range(1, 10), offset: -1 },
      ],
      `${rows}[1].offset`,
    ],
    [
      'a row given twice',
      [
        { row: 'A', ...range(1, 2) },
        { row: 'A', ...range(3, 4) },
      ],
      `${rows}[1].row`,
    ],
  ])('refuses %s with BAD_USER_INPUT on its field and stores nothing', async (_, layoutRows, field) => {
    const name = `Refused ${randomUUID()}`;
    const result = await catalog.gql(createVenue, { input: withRows(layoutRows, name) });
    expect(firstError(result)).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(await catalog.query(sql`select id from catalog.venues where name = ${name}`)).toEqual([]);
  });
});
