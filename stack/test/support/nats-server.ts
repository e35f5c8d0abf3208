/** The private nats-server of the suites that stop, restart or empty it (it lives in the testkit). */
export { PrivateNatsServer } from '@seats/testkit';
