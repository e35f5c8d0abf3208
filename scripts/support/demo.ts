/** The demo data for the benchmarks, loaded through the gateway as `pnpm start` loads it. */
import { adminSession } from '../../stack/src/admin.js';
import { graphqlRequest } from '../../stack/src/client.js';
import { seedDemoData } from '../../stack/src/seed.js';

/** Signs the admin in and loads the demo data through the admin mutations. */
export async function loadDemoData(url: string, admin: { email: string; password: string }): Promise<void> {
  const token = await adminSession(url, admin.email, admin.password);
  if (!token) throw new Error('the admin could not sign in');
  console.log('Loading the demo data ...');
  await seedDemoData((query, variables) => graphqlRequest(url, query, variables, token), { info: () => {} });
}

/**
 * Two demo screenings: the first one listed, and the first in the
 * 10,000-seat Grand Hall once its seat inventory has reached bookings.
 */
export async function demoScreenings(url: string): Promise<{ first: string; grandHall: string }> {
  const data = await graphqlRequest<{
    movies: { edges: Array<{ node: { shows: Array<{ id: string; screen: { name: string } | null }> } }> };
  }>(url, '{ movies(first: 100) { edges { node { shows { id screen { name } } } } } }');
  const shows = data.movies.edges.flatMap((e) => e.node.shows);
  const first = shows[0]?.id;
  const grandHall = shows.find((s) => s.screen?.name === 'Grand Hall')?.id;
  if (!first || !grandHall) throw new Error('no Grand Hall screening in the demo data');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const map = await graphqlRequest<{ show: { seatsFree: number } }>(
      url,
      'query($id: ID!) { show(id: $id) { seatsFree } }',
      { id: grandHall },
    );
    if (map.show.seatsFree === 10_000) return { first, grandHall };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the Grand Hall inventory did not reach bookings in 30 s');
}
