#!/usr/bin/env python3
"""A Prometheus API that misbehaves on purpose, by the first path segment: fault_server.py PORT LOGFILE.

/ok/ answers a one-series vector, /slow/ the same after a second, /hang/ after 30 s, /status500/ HTTP 500,
/malformed/ a body that is not JSON, /statuserror/ `status: error`, /empty/ an empty vector, /nan/ NaN, /inf/ +Inf,
/huge/ 200,000 series, /truncated/ the first half of a vector answer, /echo/ an error quoting the Authorization
header it received, /million/ a vector of 1,000,000 series (about 45 MB). Every query string received is appended to LOGFILE, one per line.
"""
import json
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def vector(values):
    return {"status": "success", "data": {"resultType": "vector", "result": [
        {"metric": {"series": str(index)}, "value": [time.time(), value]} for index, value in enumerate(values)]}}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *arguments):
        pass

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        with open(sys.argv[2], "a") as log:
            log.write(urllib.parse.parse_qs(url.query).get("query", [""])[0] + "\n")
        mode = url.path.strip("/").split("/")[0]
        status, body = 200, vector(["0.1"])
        if mode == "slow":
            time.sleep(1)
        elif mode == "hang":
            time.sleep(30)
        elif mode == "status500":
            status, body = 500, {"status": "error", "errorType": "internal", "error": "boom"}
        elif mode == "statuserror":
            status, body = 400, {"status": "error", "errorType": "bad_data", "error": "parse error at char 3"}
        elif mode == "echo":
            status, body = 401, {"status": "error", "errorType": "auth", "error": "rejected " + str(self.headers.get("Authorization"))}
        elif mode == "empty":
            body = vector([])
        elif mode == "nan":
            body = vector(["NaN"])
        elif mode == "inf":
            body = vector(["+Inf"])
        elif mode == "huge":
            body = vector(["0.1"] * 200000)
        text = "this is not json {" if mode == "malformed" else json.dumps(body)
        if mode == "million":
            series = ",".join('{"metric":{"series":"%d"},"value":[1795000000,"0.1"]}' % index for index in range(1000000))
            text = '{"status":"success","data":{"resultType":"vector","result":[' + series + "]}}"
        if mode == "truncated":
            text = text[: len(text) // 2]
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except BrokenPipeError:
            pass


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default of 5 would make concurrent clients wait in SYN retries


Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
