'use strict';
// An FC Node.js event function with an initializer, for the integration tests.
let initialized = 0;
let greeting;

exports.initializer = (context, callback) => {
  initialized++;
  greeting = process.env.GREETING || 'Hello';
  callback(null, '');
};

exports.handler = (event, context, callback) => {
  const name = event.toString('utf8').trim() || 'world';
  if (name === 'fail') {
    callback(new Error('asked to fail'));
    return;
  }
  const wait = name.startsWith('sleep') ? Number(name.slice(5)) : 0;
  setTimeout(() => {
    console.log('greeting', name);
    callback(null, `${greeting}, ${name}! initialized ${initialized} time(s); request ${context.requestId}`);
  }, wait);
};
