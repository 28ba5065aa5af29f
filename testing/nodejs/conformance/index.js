'use strict';
// The runtime conformance function, written alike for every runtime (see the Java Conformance class): the event is
// a command. init: how many times the initializer ran; fail: an error; context: what the context says; trace: the
// call's traceparent as the context has it;
// sleep:N: sleeps N ms and answers its start and end (epoch ms); bytes:N: N bytes of 'x'; anything else is echoed byte for byte.
let initialized = 0;

exports.initializer = (context, callback) => {
  initialized++;
  callback(null, '');
};

exports.handler = (event, context, callback) => {
  const command = event.length > 64 ? '' : event.toString('utf8');
  if (command === 'init') {
    callback(null, String(initialized));
  } else if (command === 'fail') {
    callback(new Error('asked to fail'));
  } else if (command === 'context') {
    callback(null, JSON.stringify({
      requestId: context.requestId,
      function: context.function.name,
      memory: String(context.function.memory),
    }));
  } else if (command === 'trace') {
    callback(null, context.tracing.traceparent);
  } else if (command.startsWith('sleep:')) {
    const start = Date.now();
    setTimeout(() => callback(null, `${start},${Date.now()}`), Number(command.slice('sleep:'.length)));
  } else if (command.startsWith('bytes:')) {
    callback(null, Buffer.alloc(Number(command.slice('bytes:'.length)), 'x'));
  } else {
    callback(null, event);
  }
};
