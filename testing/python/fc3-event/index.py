# An FC 3.0 event handler behind an HTTP trigger, in Python: it gets FC 3.0's HTTP event and answers a response
# object (/plain answers a plain string, which is the body of a 200). The same as the Node.js one.
import base64
import json


def handler(event, context):
    e = json.loads(event)
    if e["rawPath"] == "/plain":
        return "just text"
    body = base64.b64decode(e["body"]) if e["isBase64Encoded"] else e["body"].encode()
    headers = e["headers"]
    seen = {
        "rawPath": e["rawPath"],
        "query": e["queryParameters"],
        "cookie": headers.get("Cookie") or headers.get("cookie"),
        "bodyBytes": len(body),
        "bodyWasBase64": e["isBase64Encoded"],
        "requestId": e["requestContext"]["requestId"],
        "fields": sorted(e),
    }
    return {
        "statusCode": 201,
        "headers": {"content-type": "application/json", "x-seen-method": e["requestContext"]["http"]["method"]},
        "isBase64Encoded": True,
        "body": base64.b64encode(json.dumps(seen).encode()).decode(),
    }
