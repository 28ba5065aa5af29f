# A Fun template's HTTP function in Python (WSGI): the rules list, loaded by the initializer before any request.
import json
import os

rules = []


def initializer(context):
    rules.append({"name": "first rule", "table": os.environ["TABLE_NAME"]})


def handler(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"path": environ["PATH_INFO"], "rules": rules}, separators=(",", ":")).encode()]
