import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { gatewayTokenHeader, type GatewayTokenSigner } from '@seats/platform';
import type { GatewayContext } from './context.js';

/**
 * Sends each subgraph request with a short-lived token signed by the
 * gateway for that subgraph, carrying the caller's verified identity.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly signer: GatewayTokenSigner,
  ) {
    super({ url });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const identity = 'context' in options && options.context ? (options.context.identity ?? null) : null;
    options.request.http?.headers.set(gatewayTokenHeader, await this.signer.sign(identity, this.subgraph));
  }
}
