// Boots GraphiQL against this gateway. The headers editor is open so an
// `Authorization: Bearer <accessToken>` header can be pasted in; GraphiQL
// sends the same headers as graphql-ws connection_init params, so
// subscriptions are signed in too.
(function () {
  var origin = window.location.origin;
  var fetcher = GraphiQL.createFetcher({
    url: origin + '/graphql',
    subscriptionUrl: origin.replace(/^http/, 'ws') + '/graphql',
  });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      // An empty value is ignored by the gateway; paste "Bearer <accessToken>" to sign in.
      defaultHeaders: JSON.stringify({ Authorization: '' }, null, 2),
      defaultQuery:
        '# Sign in with the login mutation, put the accessToken in the Headers tab,\n' +
        '# then hold seats with lockSeats and pay with checkout.\n' +
        'query Movies {\n  movies(first: 5) {\n    edges { node { id title durationMinutes shows { id startsAt } } }\n  }\n}\n\n' +
        '# Watch a show live: run this with a show id in the Variables tab, then hold seats in another tab.\n' +
        'subscription Watch($showId: ID!) {\n  seatMapChanged(showId: $showId) {\n    version change seats { id status }\n    show { startsAt movie { title } }\n  }\n}\n',
    }),
  );
})();
