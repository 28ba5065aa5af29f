# Uses a package installed next to it with `pip install -t .` (the integration test builds and installs it).
import shouty


def handler(event, context):
    return shouty.shout(event.decode())
