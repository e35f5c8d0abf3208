import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { gatewayTokenHeader, type GatewayTokenSigner } from '@seats/platform';
import type { GatewayContext } from './context.js';
import { subgraphFetch, unsharedSubgraphFetch } from './subgraph-fetch.js';

/**
 * Sends each subgraph request with a short-lived token signed by the
 * gateway for that subgraph, carrying the caller's verified identity.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly signer: GatewayTokenSigner,
    shareInflight = true,
  ) {
    // The lean fetch returns the subset of a fetch Response the data source reads.
    const fetcher = shareInflight ? subgraphFetch : unsharedSubgraphFetch;
    super({ url, fetcher: fetcher as unknown as RemoteGraphQLDataSource['fetcher'] });
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Only an incoming operation carries the gateway's context; health checks and schema loads carry none.
    const context = 'incomingRequestContext' in options ? options.context : undefined;
    options.request.http?.headers.set(
      gatewayTokenHeader,
      await this.signer.sign(context?.identity ?? null, this.subgraph),
    );
    // A live execution's primary fetch takes its event to the subgraph that owns the subscription field.
    if (context?.sourceEvent !== undefined && options.request.query?.startsWith('subscription')) {
      options.request.extensions = { ...options.request.extensions, sourceEvent: context.sourceEvent };
    }
  }
}
