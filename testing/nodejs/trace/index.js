'use strict';
// Answers the traceparent a call carried, as the event handler's context and an HTTP handler's request show it.
exports.handler = (event, context, callback) => {
  callback(null, JSON.stringify({ context: context.tracing.traceparent }));
};

exports.http = (request, response, context) => {
  response.setHeader('content-type', 'application/json');
  response.send(JSON.stringify({ header: request.headers.traceparent || null, context: context.tracing.traceparent }));
};
