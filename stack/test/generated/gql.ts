/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  mutation CatalogCreateCinema($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      id\n      screens {\n        id\n        seatCount\n        layout {\n          code\n          x\n          y\n          accessible\n          position\n        }\n      }\n    }\n  }\n': typeof types.CatalogCreateCinemaDocument;
  '\n  mutation CatalogCreateFilm($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n': typeof types.CatalogCreateFilmDocument;
  '\n  mutation CatalogScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n': typeof types.CatalogScheduleScreeningDocument;
  '\n  query CatalogFindMovies($first: Int, $after: String, $titleContains: String, $genre: String) {\n    movies(first: $first, after: $after, titleContains: $titleContains, genre: $genre) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.CatalogFindMoviesDocument;
  '\n  query CatalogSeatsOfShow($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      seatsFree(fromStop: $fromStop, toStop: $toStop)\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        seats {\n          code\n          x\n          y\n          accessible\n          status\n        }\n      }\n    }\n  }\n': typeof types.CatalogSeatsOfShowDocument;
  '\n  mutation CatalogCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n      seats {\n        id\n        position\n      }\n    }\n  }\n': typeof types.CatalogCreateTrainDocument;
  '\n  mutation CatalogScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n': typeof types.CatalogScheduleTripDocument;
  '\n  query CatalogFindTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      seatsFree\n    }\n  }\n': typeof types.CatalogFindTripsDocument;
  '\n  mutation ClientRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        name\n      }\n    }\n  }\n': typeof types.ClientRegisterDocument;
  '\n  query ClientBrowse {\n    movies(first: 10) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n            startsAt\n            screen {\n              id\n              name\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.ClientBrowseDocument;
  '\n  query ClientSeatMap($id: ID!) {\n    show(id: $id) {\n      id\n      seatMap {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n': typeof types.ClientSeatMapDocument;
  '\n  subscription ClientSeatMapChanged($showId: ID!) {\n    seatMapChanged(showId: $showId) {\n      version\n      change\n      seats {\n        id\n        status\n      }\n      show {\n        id\n      }\n    }\n  }\n': typeof types.ClientSeatMapChangedDocument;
  '\n  mutation ClientHoldSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n': typeof types.ClientHoldSeatsDocument;
  '\n  mutation ClientCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n': typeof types.ClientCheckoutDocument;
  '\n  query SeatIds($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n': typeof types.SeatIdsDocument;
  '\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n': typeof types.MeDocument;
  '\n  query Movies($first: Int, $after: String) {\n    movies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          durationMinutes\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n': typeof types.MoviesDocument;
  '\n  query Trains {\n    trains(first: 10) {\n      edges {\n        node {\n          id\n          number\n          stations {\n            id\n            name\n          }\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n    }\n  }\n': typeof types.TrainsDocument;
  '\n  query Show($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      startsAt\n      movie {\n        id\n        title\n      }\n      train {\n        id\n        number\n      }\n      stops {\n        index\n        station {\n          id\n          name\n        }\n        departsAt\n        arrivesAt\n      }\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        version\n        seats {\n          id\n          code\n          label\n          category\n          status\n          price {\n            amount\n            currency\n          }\n        }\n      }\n    }\n  }\n': typeof types.ShowDocument;
  '\n  mutation LockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      fromStop\n      toStop\n      seats {\n        id\n        status\n        price {\n          amount\n        }\n      }\n    }\n  }\n': typeof types.LockSeatsDocument;
  '\n  mutation ReleaseSeats($holdId: ID!) {\n    releaseSeats(holdId: $holdId)\n  }\n': typeof types.ReleaseSeatsDocument;
  '\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        status\n      }\n      payment {\n        id\n        status\n      }\n    }\n  }\n': typeof types.CheckoutDocument;
  '\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      user {\n        id\n        email\n      }\n      show {\n        id\n        movie {\n          title\n        }\n      }\n      payment {\n        status\n        amount {\n          amount\n        }\n      }\n    }\n  }\n': typeof types.BookingDocument;
  '\n  query MyBookings {\n    me {\n      bookings(first: 10) {\n        edges {\n          node {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n': typeof types.MyBookingsDocument;
  '\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n      status\n      payment {\n        status\n      }\n    }\n  }\n': typeof types.CancelBookingDocument;
  'mutation Register($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }': typeof types.RegisterDocument;
  'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }': typeof types.LoginDocument;
};
const documents: Documents = {
  '\n  mutation CatalogCreateCinema($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      id\n      screens {\n        id\n        seatCount\n        layout {\n          code\n          x\n          y\n          accessible\n          position\n        }\n      }\n    }\n  }\n':
    types.CatalogCreateCinemaDocument,
  '\n  mutation CatalogCreateFilm($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n':
    types.CatalogCreateFilmDocument,
  '\n  mutation CatalogScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n':
    types.CatalogScheduleScreeningDocument,
  '\n  query CatalogFindMovies($first: Int, $after: String, $titleContains: String, $genre: String) {\n    movies(first: $first, after: $after, titleContains: $titleContains, genre: $genre) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.CatalogFindMoviesDocument,
  '\n  query CatalogSeatsOfShow($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      seatsFree(fromStop: $fromStop, toStop: $toStop)\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        seats {\n          code\n          x\n          y\n          accessible\n          status\n        }\n      }\n    }\n  }\n':
    types.CatalogSeatsOfShowDocument,
  '\n  mutation CatalogCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n      seats {\n        id\n        position\n      }\n    }\n  }\n':
    types.CatalogCreateTrainDocument,
  '\n  mutation CatalogScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n':
    types.CatalogScheduleTripDocument,
  '\n  query CatalogFindTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      seatsFree\n    }\n  }\n':
    types.CatalogFindTripsDocument,
  '\n  mutation ClientRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        name\n      }\n    }\n  }\n':
    types.ClientRegisterDocument,
  '\n  query ClientBrowse {\n    movies(first: 10) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n            startsAt\n            screen {\n              id\n              name\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.ClientBrowseDocument,
  '\n  query ClientSeatMap($id: ID!) {\n    show(id: $id) {\n      id\n      seatMap {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n':
    types.ClientSeatMapDocument,
  '\n  subscription ClientSeatMapChanged($showId: ID!) {\n    seatMapChanged(showId: $showId) {\n      version\n      change\n      seats {\n        id\n        status\n      }\n      show {\n        id\n      }\n    }\n  }\n':
    types.ClientSeatMapChangedDocument,
  '\n  mutation ClientHoldSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n':
    types.ClientHoldSeatsDocument,
  '\n  mutation ClientCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n':
    types.ClientCheckoutDocument,
  '\n  query SeatIds($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n':
    types.SeatIdsDocument,
  '\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n': types.MeDocument,
  '\n  query Movies($first: Int, $after: String) {\n    movies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          durationMinutes\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n':
    types.MoviesDocument,
  '\n  query Trains {\n    trains(first: 10) {\n      edges {\n        node {\n          id\n          number\n          stations {\n            id\n            name\n          }\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n    }\n  }\n':
    types.TrainsDocument,
  '\n  query Show($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      startsAt\n      movie {\n        id\n        title\n      }\n      train {\n        id\n        number\n      }\n      stops {\n        index\n        station {\n          id\n          name\n        }\n        departsAt\n        arrivesAt\n      }\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        version\n        seats {\n          id\n          code\n          label\n          category\n          status\n          price {\n            amount\n            currency\n          }\n        }\n      }\n    }\n  }\n':
    types.ShowDocument,
  '\n  mutation LockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      fromStop\n      toStop\n      seats {\n        id\n        status\n        price {\n          amount\n        }\n      }\n    }\n  }\n':
    types.LockSeatsDocument,
  '\n  mutation ReleaseSeats($holdId: ID!) {\n    releaseSeats(holdId: $holdId)\n  }\n': types.ReleaseSeatsDocument,
  '\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        status\n      }\n      payment {\n        id\n        status\n      }\n    }\n  }\n':
    types.CheckoutDocument,
  '\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      user {\n        id\n        email\n      }\n      show {\n        id\n        movie {\n          title\n        }\n      }\n      payment {\n        status\n        amount {\n          amount\n        }\n      }\n    }\n  }\n':
    types.BookingDocument,
  '\n  query MyBookings {\n    me {\n      bookings(first: 10) {\n        edges {\n          node {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n':
    types.MyBookingsDocument,
  '\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n      status\n      payment {\n        status\n      }\n    }\n  }\n':
    types.CancelBookingDocument,
  'mutation Register($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }':
    types.RegisterDocument,
  'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }': types.LoginDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CatalogCreateCinema($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      id\n      screens {\n        id\n        seatCount\n        layout {\n          code\n          x\n          y\n          accessible\n          position\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CatalogCreateCinema($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      id\n      screens {\n        id\n        seatCount\n        layout {\n          code\n          x\n          y\n          accessible\n          position\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CatalogCreateFilm($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation CatalogCreateFilm($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CatalogScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation CatalogScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CatalogFindMovies($first: Int, $after: String, $titleContains: String, $genre: String) {\n    movies(first: $first, after: $after, titleContains: $titleContains, genre: $genre) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CatalogFindMovies($first: Int, $after: String, $titleContains: String, $genre: String) {\n    movies(first: $first, after: $after, titleContains: $titleContains, genre: $genre) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CatalogSeatsOfShow($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      seatsFree(fromStop: $fromStop, toStop: $toStop)\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        seats {\n          code\n          x\n          y\n          accessible\n          status\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CatalogSeatsOfShow($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      seatsFree(fromStop: $fromStop, toStop: $toStop)\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        seats {\n          code\n          x\n          y\n          accessible\n          status\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CatalogCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n      seats {\n        id\n        position\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CatalogCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n      seats {\n        id\n        position\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CatalogScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation CatalogScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CatalogFindTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      seatsFree\n    }\n  }\n',
): (typeof documents)['\n  query CatalogFindTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      seatsFree\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ClientRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        name\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ClientRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      user {\n        id\n        name\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ClientBrowse {\n    movies(first: 10) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n            startsAt\n            screen {\n              id\n              name\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ClientBrowse {\n    movies(first: 10) {\n      edges {\n        node {\n          id\n          title\n          shows {\n            id\n            startsAt\n            screen {\n              id\n              name\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ClientSeatMap($id: ID!) {\n    show(id: $id) {\n      id\n      seatMap {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ClientSeatMap($id: ID!) {\n    show(id: $id) {\n      id\n      seatMap {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription ClientSeatMapChanged($showId: ID!) {\n    seatMapChanged(showId: $showId) {\n      version\n      change\n      seats {\n        id\n        status\n      }\n      show {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  subscription ClientSeatMapChanged($showId: ID!) {\n    seatMapChanged(showId: $showId) {\n      version\n      change\n      seats {\n        id\n        status\n      }\n      show {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ClientHoldSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ClientHoldSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ClientCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ClientCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        code\n        label\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SeatIds($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SeatIds($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n',
): (typeof documents)['\n  query Me {\n    me {\n      id\n      email\n      role\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Movies($first: Int, $after: String) {\n    movies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          durationMinutes\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Movies($first: Int, $after: String) {\n    movies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          title\n          durationMinutes\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Trains {\n    trains(first: 10) {\n      edges {\n        node {\n          id\n          number\n          stations {\n            id\n            name\n          }\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Trains {\n    trains(first: 10) {\n      edges {\n        node {\n          id\n          number\n          stations {\n            id\n            name\n          }\n          shows {\n            id\n            startsAt\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Show($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      startsAt\n      movie {\n        id\n        title\n      }\n      train {\n        id\n        number\n      }\n      stops {\n        index\n        station {\n          id\n          name\n        }\n        departsAt\n        arrivesAt\n      }\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        version\n        seats {\n          id\n          code\n          label\n          category\n          status\n          price {\n            amount\n            currency\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Show($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      startsAt\n      movie {\n        id\n        title\n      }\n      train {\n        id\n        number\n      }\n      stops {\n        index\n        station {\n          id\n          name\n        }\n        departsAt\n        arrivesAt\n      }\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        version\n        seats {\n          id\n          code\n          label\n          category\n          status\n          price {\n            amount\n            currency\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation LockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      fromStop\n      toStop\n      seats {\n        id\n        status\n        price {\n          amount\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation LockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n      status\n      expiresAt\n      fromStop\n      toStop\n      seats {\n        id\n        status\n        price {\n          amount\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ReleaseSeats($holdId: ID!) {\n    releaseSeats(holdId: $holdId)\n  }\n',
): (typeof documents)['\n  mutation ReleaseSeats($holdId: ID!) {\n    releaseSeats(holdId: $holdId)\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        status\n      }\n      payment {\n        id\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      total {\n        amount\n        currency\n      }\n      seats {\n        id\n        status\n      }\n      payment {\n        id\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      user {\n        id\n        email\n      }\n      show {\n        id\n        movie {\n          title\n        }\n      }\n      payment {\n        status\n        amount {\n          amount\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Booking($id: ID!) {\n    booking(id: $id) {\n      id\n      status\n      user {\n        id\n        email\n      }\n      show {\n        id\n        movie {\n          title\n        }\n      }\n      payment {\n        status\n        amount {\n          amount\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query MyBookings {\n    me {\n      bookings(first: 10) {\n        edges {\n          node {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query MyBookings {\n    me {\n      bookings(first: 10) {\n        edges {\n          node {\n            id\n            status\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n      status\n      payment {\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CancelBooking($id: ID!) {\n    cancelBooking(id: $id) {\n      id\n      status\n      payment {\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'mutation Register($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }',
): (typeof documents)['mutation Register($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: 'mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }',
): (typeof documents)['mutation Login($input: LoginInput!) { login(input: $input) { accessToken } }'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
