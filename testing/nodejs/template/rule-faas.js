'use strict';
// The course's rule function as a Fun template deploys it: an HTTP function with an initializer that loads data.
let rules;

exports.initializer = (context, callback) => {
  rules = [{ id: 1, name: 'first rule', table: process.env.TABLE_NAME }];
  callback(null, '');
};

exports.handler = (request, response, context) => {
  response.setStatusCode(200);
  response.setHeader('content-type', 'application/json');
  response.send(JSON.stringify({ method: request.method, path: request.path, rules }));
};
