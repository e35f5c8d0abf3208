import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { PlatformConfig } from '@seats/platform';

type Protection<Ctx extends BaseContext> = Required<
  Pick<ApolloServerOptions<Ctx>, 'plugins' | 'validationRules' | 'parseOptions'>
>;

/**
 * graphql-armor's limits on a document's shape: depth, aliases, cost and
 * directives as validation rules (a refused document is
 * GRAPHQL_VALIDATION_FAILED, HTTP 400), and field suggestions ("Did you
 * mean …?") masked in production so errors do not map the schema out.
 * Introspection's own `__schema` selection is exempt from depth and cost.
 *
 * The token limit is graphql-js's own lexer limit (`parseOptions.maxTokens`,
 * GRAPHQL_PARSE_FAILED, HTTP 400), which armor's max-tokens plugin wraps: that
 * plugin rejects from a hook Apollo treats as an internal failure (HTTP 500),
 * and it would relabel any other unexpected error as a validation failure.
 */
export function queryLimits<Ctx extends BaseContext>(
  config: Pick<PlatformConfig, 'env' | 'requestLimits'>,
): Protection<Ctx> {
  const limits = config.requestLimits;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost, ignoreIntrospection: true },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.env === 'production' },
  }).protect();
  return {
    plugins: armor.plugins as Protection<Ctx>['plugins'],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
