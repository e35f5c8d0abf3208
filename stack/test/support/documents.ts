/**
 * The operations the end-to-end tests send, as typed documents generated
 * from the composed API schema (`pnpm codegen`).
 */
import { graphql } from '../generated/index.js';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      email
      role
    }
  }
`);

export const MoviesDocument = graphql(`
  query Movies($first: Int, $after: String) {
    movies(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          durationMinutes
          shows {
            id
            startsAt
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TrainsDocument = graphql(`
  query Trains {
    trains(first: 10) {
      edges {
        node {
          id
          number
          stations {
            id
            name
          }
          shows {
            id
            startsAt
          }
        }
      }
    }
  }
`);

export const ShowDocument = graphql(`
  query Show($id: ID!, $fromStop: Int, $toStop: Int) {
    show(id: $id) {
      id
      startsAt
      movie {
        id
        title
      }
      train {
        id
        number
      }
      stops {
        index
        station {
          id
          name
        }
        departsAt
        arrivesAt
      }
      seatMap(fromStop: $fromStop, toStop: $toStop) {
        version
        seats {
          id
          code
          label
          category
          status
          price {
            amount
            currency
          }
        }
      }
    }
  }
`);

export const LockSeatsDocument = graphql(`
  mutation LockSeats($input: LockSeatsInput!) {
    lockSeats(input: $input) {
      id
      status
      expiresAt
      fromStop
      toStop
      seats {
        id
        status
        price {
          amount
        }
      }
    }
  }
`);

export const ReleaseSeatsDocument = graphql(`
  mutation ReleaseSeats($holdId: ID!) {
    releaseSeats(holdId: $holdId)
  }
`);

export const CheckoutDocument = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      id
      status
      total {
        amount
        currency
      }
      seats {
        id
        status
      }
      payment {
        id
        status
      }
    }
  }
`);

export const BookingDocument = graphql(`
  query Booking($id: ID!) {
    booking(id: $id) {
      id
      status
      user {
        id
        email
      }
      show {
        id
        movie {
          title
        }
      }
      payment {
        status
        amount {
          amount
        }
      }
    }
  }
`);

export const MyBookingsDocument = graphql(`
  query MyBookings {
    me {
      bookings(first: 10) {
        edges {
          node {
            id
            status
          }
        }
      }
    }
  }
`);

export const CancelBookingDocument = graphql(`
  mutation CancelBooking($id: ID!) {
    cancelBooking(id: $id) {
      id
      status
      payment {
        status
      }
    }
  }
`);
