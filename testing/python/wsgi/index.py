# An FC Python HTTP function: a WSGI application. /echo answers the body it got; anything else describes the request.
import json


def handler(environ, start_response):
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    if environ["PATH_INFO"].endswith("/echo"):
        start_response("200 OK", [("Content-Type", "application/octet-stream")])
        return [body]
    seen = {
        "method": environ["REQUEST_METHOD"],
        "path": environ["PATH_INFO"],
        "query": environ["QUERY_STRING"],
        "demo": environ.get("HTTP_X_DEMO"),
        "cookie": environ.get("HTTP_COOKIE"),
        "body": body.decode(),
        "requestId": environ["fc.context"].request_id,
    }
    start_response("201 Created", [("Content-Type", "application/json"), ("Set-Cookie", "session=abc; Path=/"),
                                   ("Set-Cookie", "theme=dark"), ("x-handled-by", "wsgi")])
    return [json.dumps(seen).encode()]
