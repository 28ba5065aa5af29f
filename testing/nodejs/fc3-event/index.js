'use strict';
// An FC 3.0 event handler behind an HTTP trigger: it gets FC 3.0's HTTP event and answers a response object
// (/plain answers a plain string, which is the body of a 200).
exports.handler = (event, context, callback) => {
    const e = JSON.parse(event.toString());
    if (e.rawPath === '/plain') {
        return callback(null, 'just text');
    }
    const body = e.isBase64Encoded ? Buffer.from(e.body, 'base64') : Buffer.from(e.body);
    callback(null, {
        statusCode: 201,
        headers: { 'content-type': 'application/json', 'x-seen-method': e.requestContext.http.method },
        isBase64Encoded: true,
        body: Buffer.from(JSON.stringify({
            rawPath: e.rawPath,
            query: e.queryParameters,
            cookie: e.headers.Cookie || e.headers.cookie || null,
            bodyBytes: body.length,
            bodyWasBase64: e.isBase64Encoded,
            requestId: e.requestContext.requestId,
            fields: Object.keys(e).sort(),
        })).toString('base64'),
    });
};
