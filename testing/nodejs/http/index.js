'use strict';
// An FC Node.js HTTP function, for the integration tests.
exports.handler = (request, response, context) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    response.setStatusCode(request.method === 'POST' ? 201 : 200);
    response.setHeader('content-type', 'application/json');
    response.setHeader('x-handled-by', context.function.name);
    response.send(JSON.stringify({
      method: request.method,
      path: request.path,
      queries: request.queries,
      demo: request.headers['x-demo'],
      body,
    }));
  });
};
