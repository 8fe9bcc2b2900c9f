"""A Prometheus exporter whose counters grow with time, for tests that need rates.

    python3 rate_exporter.py PORT SPEC.json

SPEC is a list of series: {"name": ..., "labels": {...}, "rate": per-second increase} for a counter, or
{"name": ..., "labels": {...}, "value": v} for a gauge, or {"name": ..., "labels": {...}, "ago": seconds} for a gauge
holding the Unix time that many seconds ago. The file is read again on every scrape, so a test can change it.
"""
import http.server
import json
import sys
import time

START = time.time()


def render(spec):
    now = time.time()
    lines = []
    for series in spec:
        labels = ",".join('%s="%s"' % (key, value) for key, value in sorted(series.get("labels", {}).items()))
        if "rate" in series:
            value = series["rate"] * (now - START)
        elif "ago" in series:
            value = now - series["ago"]
        else:
            value = series["value"]
        lines.append("%s{%s} %r" % (series["name"], labels, value))
    return ("\n".join(lines) + "\n").encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(sys.argv[2]) as handle:
            body = render(json.load(handle))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; version=0.0.4")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *arguments):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
