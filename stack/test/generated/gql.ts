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
  '\n  query VenueNames {\n    venues {\n      name\n    }\n  }\n': typeof types.VenueNamesDocument;
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
  '\n  mutation ColdLock($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n': typeof types.ColdLockDocument;
  '\n  mutation ColdCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status\n    }\n  }\n': typeof types.ColdCheckoutDocument;
  '\n  query SeatIds($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n': typeof types.SeatIdsDocument;
  '\n  mutation SecurityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n': typeof types.SecurityLoginDocument;
  '\n  mutation SecurityRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      refreshToken\n    }\n  }\n': typeof types.SecurityRefreshDocument;
  '\n  query SecurityMe {\n    me {\n      id\n      role\n    }\n  }\n': typeof types.SecurityMeDocument;
  '\n  query SecurityHold($id: ID!) {\n    hold(id: $id) {\n      id\n    }\n  }\n': typeof types.SecurityHoldDocument;
  '\n  query SecurityCatalog {\n    movies(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    venues {\n      screens {\n        id\n      }\n    }\n    trains(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n': typeof types.SecurityCatalogDocument;
  '\n  query SecurityShowScreens {\n    movies(first: 20) {\n      edges {\n        node {\n          shows {\n            id\n            screen {\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n': typeof types.SecurityShowScreensDocument;
  '\n  query SecurityBigSeatMap($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n          label\n          row\n          number\n          category\n          status\n          price {\n            amount\n            currency\n          }\n          x\n          y\n        }\n      }\n    }\n  }\n': typeof types.SecurityBigSeatMapDocument;
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
  '\n  mutation HarnessRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n': typeof types.HarnessRegisterDocument;
  '\n  mutation HarnessLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n    }\n  }\n': typeof types.HarnessLoginDocument;
  '\n  mutation CancellationE2eCancelShow($id: ID!) {\n    cancelShow(id: $id) {\n      id\n      status\n    }\n  }\n': typeof types.CancellationE2eCancelShowDocument;
  '\n  query CancellationE2eSeatMap($id: ID!) {\n    show(id: $id) {\n      status\n      seatsFree\n      seatMap {\n        version\n        seats {\n          id\n          status\n        }\n      }\n    }\n  }\n': typeof types.CancellationE2eSeatMapDocument;
  '\n  query CancellationE2eBooking($id: ID!) {\n    booking(id: $id) {\n      status\n      payment {\n        status\n      }\n    }\n  }\n': typeof types.CancellationE2eBookingDocument;
  '\n  query CancellationE2eHold($id: ID!) {\n    hold(id: $id) {\n      status\n    }\n  }\n': typeof types.CancellationE2eHoldDocument;
  '\n  mutation CancellationE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n': typeof types.CancellationE2eCreateMovieDocument;
  '\n  mutation CancellationE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n': typeof types.CancellationE2eCreateVenueDocument;
  '\n  mutation CancellationE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n': typeof types.CancellationE2eScheduleScreeningDocument;
  '\n  mutation CancellationE2eLockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n': typeof types.CancellationE2eLockSeatsDocument;
  '\n  query ScheduleE2eDemoMovies {\n    movies(first: 100) {\n      edges {\n        node {\n          title\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n': typeof types.ScheduleE2eDemoMoviesDocument;
  '\n  query ScheduleE2eDemoVenues {\n    venues {\n      name\n      screens {\n        name\n        seatCount\n        categories\n      }\n    }\n  }\n': typeof types.ScheduleE2eDemoVenuesDocument;
  '\n  query ScheduleE2eDemoTrains {\n    trains(first: 10) {\n      edges {\n        node {\n          number\n          stations {\n            name\n          }\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n': typeof types.ScheduleE2eDemoTrainsDocument;
  '\n  mutation ScheduleE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n': typeof types.ScheduleE2eCreateMovieDocument;
  '\n  mutation ScheduleE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n': typeof types.ScheduleE2eCreateVenueDocument;
  '\n  mutation ScheduleE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n': typeof types.ScheduleE2eScheduleScreeningDocument;
  '\n  query ScheduleE2eMovieShows($id: ID!) {\n    movie(id: $id) {\n      title\n      durationMinutes\n      shows {\n        id\n        startsAt\n        movie {\n          title\n        }\n        stops {\n          index\n        }\n      }\n    }\n  }\n': typeof types.ScheduleE2eMovieShowsDocument;
  '\n  mutation ScheduleE2eCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n    }\n  }\n': typeof types.ScheduleE2eCreateTrainDocument;
  '\n  mutation ScheduleE2eScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n': typeof types.ScheduleE2eScheduleTripDocument;
  '\n  query ScheduleE2eTripStops($id: ID!) {\n    show(id: $id) {\n      train {\n        number\n      }\n      stops {\n        index\n        station {\n          name\n        }\n        arrivesAt\n        departsAt\n      }\n    }\n  }\n': typeof types.ScheduleE2eTripStopsDocument;
  '\n  mutation ScheduleSupportCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n    }\n  }\n': typeof types.ScheduleSupportCreateTrainDocument;
  '\n  mutation ScheduleSupportScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n': typeof types.ScheduleSupportScheduleTripDocument;
  '\n  query ScheduleSupportSeatIds($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n        }\n      }\n    }\n  }\n': typeof types.ScheduleSupportSeatIdsDocument;
  '\n  mutation ScheduleSupportHold($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n': typeof types.ScheduleSupportHoldDocument;
  '\n  mutation ScheduleSupportCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      payment {\n        id\n        status\n      }\n    }\n  }\n': typeof types.ScheduleSupportCheckoutDocument;
  '\n  query TripSearchE2eTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      departsAt\n      arrivesAt\n      seatsFree\n      prices {\n        category\n        amount\n        currency\n      }\n      show {\n        id\n        train {\n          name\n        }\n      }\n    }\n  }\n': typeof types.TripSearchE2eTripsDocument;
  '\n  query TripSearchE2eLegs($id: ID!) {\n    show(id: $id) {\n      whole: seatsFree\n      firstLeg: seatsFree(fromStop: 0, toStop: 1)\n    }\n  }\n': typeof types.TripSearchE2eLegsDocument;
  '\n  mutation UsersE2eRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        email\n        name\n        role\n        createdAt\n      }\n    }\n  }\n': typeof types.UsersE2eRegisterDocument;
  '\n  mutation UsersE2eLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n': typeof types.UsersE2eLoginDocument;
  '\n  mutation UsersE2eRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n': typeof types.UsersE2eRefreshDocument;
  '\n  mutation UsersE2eLogout($token: String!) {\n    logout(refreshToken: $token)\n  }\n': typeof types.UsersE2eLogoutDocument;
  '\n  query UsersE2eMe {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n': typeof types.UsersE2eMeDocument;
};
const documents: Documents = {
  '\n  query VenueNames {\n    venues {\n      name\n    }\n  }\n': types.VenueNamesDocument,
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
  '\n  mutation ColdLock($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n':
    types.ColdLockDocument,
  '\n  mutation ColdCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status\n    }\n  }\n':
    types.ColdCheckoutDocument,
  '\n  query SeatIds($id: ID!, $fromStop: Int, $toStop: Int) {\n    show(id: $id) {\n      id\n      seatMap(fromStop: $fromStop, toStop: $toStop) {\n        id\n        version\n        seats {\n          id\n          code\n          status\n        }\n      }\n    }\n  }\n':
    types.SeatIdsDocument,
  '\n  mutation SecurityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n':
    types.SecurityLoginDocument,
  '\n  mutation SecurityRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      refreshToken\n    }\n  }\n':
    types.SecurityRefreshDocument,
  '\n  query SecurityMe {\n    me {\n      id\n      role\n    }\n  }\n': types.SecurityMeDocument,
  '\n  query SecurityHold($id: ID!) {\n    hold(id: $id) {\n      id\n    }\n  }\n': types.SecurityHoldDocument,
  '\n  query SecurityCatalog {\n    movies(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    venues {\n      screens {\n        id\n      }\n    }\n    trains(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n':
    types.SecurityCatalogDocument,
  '\n  query SecurityShowScreens {\n    movies(first: 20) {\n      edges {\n        node {\n          shows {\n            id\n            screen {\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n':
    types.SecurityShowScreensDocument,
  '\n  query SecurityBigSeatMap($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n          label\n          row\n          number\n          category\n          status\n          price {\n            amount\n            currency\n          }\n          x\n          y\n        }\n      }\n    }\n  }\n':
    types.SecurityBigSeatMapDocument,
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
  '\n  mutation HarnessRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n':
    types.HarnessRegisterDocument,
  '\n  mutation HarnessLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n    }\n  }\n':
    types.HarnessLoginDocument,
  '\n  mutation CancellationE2eCancelShow($id: ID!) {\n    cancelShow(id: $id) {\n      id\n      status\n    }\n  }\n':
    types.CancellationE2eCancelShowDocument,
  '\n  query CancellationE2eSeatMap($id: ID!) {\n    show(id: $id) {\n      status\n      seatsFree\n      seatMap {\n        version\n        seats {\n          id\n          status\n        }\n      }\n    }\n  }\n':
    types.CancellationE2eSeatMapDocument,
  '\n  query CancellationE2eBooking($id: ID!) {\n    booking(id: $id) {\n      status\n      payment {\n        status\n      }\n    }\n  }\n':
    types.CancellationE2eBookingDocument,
  '\n  query CancellationE2eHold($id: ID!) {\n    hold(id: $id) {\n      status\n    }\n  }\n':
    types.CancellationE2eHoldDocument,
  '\n  mutation CancellationE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n':
    types.CancellationE2eCreateMovieDocument,
  '\n  mutation CancellationE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n':
    types.CancellationE2eCreateVenueDocument,
  '\n  mutation CancellationE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n':
    types.CancellationE2eScheduleScreeningDocument,
  '\n  mutation CancellationE2eLockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n':
    types.CancellationE2eLockSeatsDocument,
  '\n  query ScheduleE2eDemoMovies {\n    movies(first: 100) {\n      edges {\n        node {\n          title\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n':
    types.ScheduleE2eDemoMoviesDocument,
  '\n  query ScheduleE2eDemoVenues {\n    venues {\n      name\n      screens {\n        name\n        seatCount\n        categories\n      }\n    }\n  }\n':
    types.ScheduleE2eDemoVenuesDocument,
  '\n  query ScheduleE2eDemoTrains {\n    trains(first: 10) {\n      edges {\n        node {\n          number\n          stations {\n            name\n          }\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n':
    types.ScheduleE2eDemoTrainsDocument,
  '\n  mutation ScheduleE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n':
    types.ScheduleE2eCreateMovieDocument,
  '\n  mutation ScheduleE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n':
    types.ScheduleE2eCreateVenueDocument,
  '\n  mutation ScheduleE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n':
    types.ScheduleE2eScheduleScreeningDocument,
  '\n  query ScheduleE2eMovieShows($id: ID!) {\n    movie(id: $id) {\n      title\n      durationMinutes\n      shows {\n        id\n        startsAt\n        movie {\n          title\n        }\n        stops {\n          index\n        }\n      }\n    }\n  }\n':
    types.ScheduleE2eMovieShowsDocument,
  '\n  mutation ScheduleE2eCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n    }\n  }\n':
    types.ScheduleE2eCreateTrainDocument,
  '\n  mutation ScheduleE2eScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n':
    types.ScheduleE2eScheduleTripDocument,
  '\n  query ScheduleE2eTripStops($id: ID!) {\n    show(id: $id) {\n      train {\n        number\n      }\n      stops {\n        index\n        station {\n          name\n        }\n        arrivesAt\n        departsAt\n      }\n    }\n  }\n':
    types.ScheduleE2eTripStopsDocument,
  '\n  mutation ScheduleSupportCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n    }\n  }\n':
    types.ScheduleSupportCreateTrainDocument,
  '\n  mutation ScheduleSupportScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n':
    types.ScheduleSupportScheduleTripDocument,
  '\n  query ScheduleSupportSeatIds($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n        }\n      }\n    }\n  }\n':
    types.ScheduleSupportSeatIdsDocument,
  '\n  mutation ScheduleSupportHold($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n':
    types.ScheduleSupportHoldDocument,
  '\n  mutation ScheduleSupportCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      payment {\n        id\n        status\n      }\n    }\n  }\n':
    types.ScheduleSupportCheckoutDocument,
  '\n  query TripSearchE2eTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      departsAt\n      arrivesAt\n      seatsFree\n      prices {\n        category\n        amount\n        currency\n      }\n      show {\n        id\n        train {\n          name\n        }\n      }\n    }\n  }\n':
    types.TripSearchE2eTripsDocument,
  '\n  query TripSearchE2eLegs($id: ID!) {\n    show(id: $id) {\n      whole: seatsFree\n      firstLeg: seatsFree(fromStop: 0, toStop: 1)\n    }\n  }\n':
    types.TripSearchE2eLegsDocument,
  '\n  mutation UsersE2eRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        email\n        name\n        role\n        createdAt\n      }\n    }\n  }\n':
    types.UsersE2eRegisterDocument,
  '\n  mutation UsersE2eLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n':
    types.UsersE2eLoginDocument,
  '\n  mutation UsersE2eRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n':
    types.UsersE2eRefreshDocument,
  '\n  mutation UsersE2eLogout($token: String!) {\n    logout(refreshToken: $token)\n  }\n':
    types.UsersE2eLogoutDocument,
  '\n  query UsersE2eMe {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n':
    types.UsersE2eMeDocument,
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
  source: '\n  query VenueNames {\n    venues {\n      name\n    }\n  }\n',
): (typeof documents)['\n  query VenueNames {\n    venues {\n      name\n    }\n  }\n'];
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
  source: '\n  mutation ColdLock($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ColdLock($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ColdCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation ColdCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      status\n    }\n  }\n'];
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
  source: '\n  mutation SecurityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n',
): (typeof documents)['\n  mutation SecurityLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SecurityRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      refreshToken\n    }\n  }\n',
): (typeof documents)['\n  mutation SecurityRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      refreshToken\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SecurityMe {\n    me {\n      id\n      role\n    }\n  }\n',
): (typeof documents)['\n  query SecurityMe {\n    me {\n      id\n      role\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SecurityHold($id: ID!) {\n    hold(id: $id) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  query SecurityHold($id: ID!) {\n    hold(id: $id) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SecurityCatalog {\n    movies(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    venues {\n      screens {\n        id\n      }\n    }\n    trains(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SecurityCatalog {\n    movies(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n    venues {\n      screens {\n        id\n      }\n    }\n    trains(first: 1) {\n      edges {\n        node {\n          id\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SecurityShowScreens {\n    movies(first: 20) {\n      edges {\n        node {\n          shows {\n            id\n            screen {\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SecurityShowScreens {\n    movies(first: 20) {\n      edges {\n        node {\n          shows {\n            id\n            screen {\n              seatCount\n            }\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SecurityBigSeatMap($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n          label\n          row\n          number\n          category\n          status\n          price {\n            amount\n            currency\n          }\n          x\n          y\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SecurityBigSeatMap($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n          label\n          row\n          number\n          category\n          status\n          price {\n            amount\n            currency\n          }\n          x\n          y\n        }\n      }\n    }\n  }\n'];
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
  source: '\n  mutation HarnessRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation HarnessRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation HarnessLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n    }\n  }\n',
): (typeof documents)['\n  mutation HarnessLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancellationE2eCancelShow($id: ID!) {\n    cancelShow(id: $id) {\n      id\n      status\n    }\n  }\n',
): (typeof documents)['\n  mutation CancellationE2eCancelShow($id: ID!) {\n    cancelShow(id: $id) {\n      id\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CancellationE2eSeatMap($id: ID!) {\n    show(id: $id) {\n      status\n      seatsFree\n      seatMap {\n        version\n        seats {\n          id\n          status\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CancellationE2eSeatMap($id: ID!) {\n    show(id: $id) {\n      status\n      seatsFree\n      seatMap {\n        version\n        seats {\n          id\n          status\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CancellationE2eBooking($id: ID!) {\n    booking(id: $id) {\n      status\n      payment {\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  query CancellationE2eBooking($id: ID!) {\n    booking(id: $id) {\n      status\n      payment {\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query CancellationE2eHold($id: ID!) {\n    hold(id: $id) {\n      status\n    }\n  }\n',
): (typeof documents)['\n  query CancellationE2eHold($id: ID!) {\n    hold(id: $id) {\n      status\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancellationE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation CancellationE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancellationE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CancellationE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancellationE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation CancellationE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CancellationE2eLockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation CancellationE2eLockSeats($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ScheduleE2eDemoMovies {\n    movies(first: 100) {\n      edges {\n        node {\n          title\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ScheduleE2eDemoMovies {\n    movies(first: 100) {\n      edges {\n        node {\n          title\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ScheduleE2eDemoVenues {\n    venues {\n      name\n      screens {\n        name\n        seatCount\n        categories\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ScheduleE2eDemoVenues {\n    venues {\n      name\n      screens {\n        name\n        seatCount\n        categories\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ScheduleE2eDemoTrains {\n    trains(first: 10) {\n      edges {\n        node {\n          number\n          stations {\n            name\n          }\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ScheduleE2eDemoTrains {\n    trains(first: 10) {\n      edges {\n        node {\n          number\n          stations {\n            name\n          }\n          shows {\n            id\n          }\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleE2eCreateMovie($input: CreateMovieInput!) {\n    createMovie(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleE2eCreateVenue($input: CreateVenueInput!) {\n    createVenue(input: $input) {\n      screens {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleE2eScheduleScreening($input: ScheduleScreeningInput!) {\n    scheduleScreening(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ScheduleE2eMovieShows($id: ID!) {\n    movie(id: $id) {\n      title\n      durationMinutes\n      shows {\n        id\n        startsAt\n        movie {\n          title\n        }\n        stops {\n          index\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ScheduleE2eMovieShows($id: ID!) {\n    movie(id: $id) {\n      title\n      durationMinutes\n      shows {\n        id\n        startsAt\n        movie {\n          title\n        }\n        stops {\n          index\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleE2eCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleE2eCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleE2eScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleE2eScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ScheduleE2eTripStops($id: ID!) {\n    show(id: $id) {\n      train {\n        number\n      }\n      stops {\n        index\n        station {\n          name\n        }\n        arrivesAt\n        departsAt\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ScheduleE2eTripStops($id: ID!) {\n    show(id: $id) {\n      train {\n        number\n      }\n      stops {\n        index\n        station {\n          name\n        }\n        arrivesAt\n        departsAt\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleSupportCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleSupportCreateTrain($input: CreateTrainInput!) {\n    createTrain(input: $input) {\n      id\n      stations {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleSupportScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleSupportScheduleTrip($input: ScheduleTripInput!) {\n    scheduleTrip(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ScheduleSupportSeatIds($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ScheduleSupportSeatIds($id: ID!) {\n    show(id: $id) {\n      seatMap {\n        seats {\n          id\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleSupportHold($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleSupportHold($input: LockSeatsInput!) {\n    lockSeats(input: $input) {\n      id\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation ScheduleSupportCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      payment {\n        id\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation ScheduleSupportCheckout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n      payment {\n        id\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query TripSearchE2eTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      departsAt\n      arrivesAt\n      seatsFree\n      prices {\n        category\n        amount\n        currency\n      }\n      show {\n        id\n        train {\n          name\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query TripSearchE2eTrips($from: ID!, $to: ID!, $date: String!) {\n    trips(from: $from, to: $to, date: $date) {\n      showId\n      fromStop\n      toStop\n      departsAt\n      arrivesAt\n      seatsFree\n      prices {\n        category\n        amount\n        currency\n      }\n      show {\n        id\n        train {\n          name\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query TripSearchE2eLegs($id: ID!) {\n    show(id: $id) {\n      whole: seatsFree\n      firstLeg: seatsFree(fromStop: 0, toStop: 1)\n    }\n  }\n',
): (typeof documents)['\n  query TripSearchE2eLegs($id: ID!) {\n    show(id: $id) {\n      whole: seatsFree\n      firstLeg: seatsFree(fromStop: 0, toStop: 1)\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UsersE2eRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        email\n        name\n        role\n        createdAt\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UsersE2eRegister($input: RegisterInput!) {\n    register(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        email\n        name\n        role\n        createdAt\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UsersE2eLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UsersE2eLogin($input: LoginInput!) {\n    login(input: $input) {\n      accessToken\n      refreshToken\n      user {\n        id\n        role\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UsersE2eRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UsersE2eRefresh($token: String!) {\n    refreshSession(refreshToken: $token) {\n      accessToken\n      refreshToken\n      user {\n        id\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UsersE2eLogout($token: String!) {\n    logout(refreshToken: $token)\n  }\n',
): (typeof documents)['\n  mutation UsersE2eLogout($token: String!) {\n    logout(refreshToken: $token)\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query UsersE2eMe {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n',
): (typeof documents)['\n  query UsersE2eMe {\n    me {\n      id\n      email\n      name\n      role\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
