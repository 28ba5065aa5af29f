'use strict';
// A timer trigger's target for the integration tests: each run records FC's timer event and when it ran; the payload
// is how long a run takes (ms). Called with the event "report", it answers the runs so far.
const runs = [];

exports.handler = (event, context, callback) => {
  const text = event.toString('utf8');
  if (text === 'report') {
    callback(null, JSON.stringify(runs));
    return;
  }
  const timer = JSON.parse(text);
  const run = { triggerTime: timer.triggerTime, triggerName: timer.triggerName, payload: timer.payload, start: Date.now() };
  runs.push(run);
  setTimeout(() => {
    run.end = Date.now();
    callback(null, 'ran');
  }, Number(timer.payload) || 0);
};
