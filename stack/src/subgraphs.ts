import type { BaseContext, SubgraphDefinition, SubgraphName } from '@seats/platform';
import { bookingsSubgraph } from '@seats/bookings';
import { catalogSubgraph } from '@seats/catalog';
import { notificationsSubgraph } from '@seats/notifications';
import { paymentsSubgraph } from '@seats/payments';
import { showsSubgraph } from '@seats/shows';
import { usersSubgraph } from '@seats/users';

/** Every subgraph of the platform, by name. */
export const subgraphDefinitions: Record<SubgraphName, SubgraphDefinition<BaseContext>> = {
  users: usersSubgraph,
  catalog: catalogSubgraph,
  shows: showsSubgraph,
  bookings: bookingsSubgraph,
  payments: paymentsSubgraph,
  notifications: notificationsSubgraph,
};
