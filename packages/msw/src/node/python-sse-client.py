"""A standard-library-only client of the mock server, as a test suite in another language would
write it. Prints one JSON object: the status, the headers it cares about, and every SSE line with
the seconds since the response headers arrived.

usage: python3 python-sse-client.py BASE_URL [SCENARIO_JSON]
"""
import json
import sys
import time
import urllib.error
import urllib.request

base = sys.argv[1]
if len(sys.argv) > 2:
    # Steer the next request through the control endpoint.
    urllib.request.urlopen(
        urllib.request.Request(
            base + "/__mock/scenario",
            data=sys.argv[2].encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
    ).read()

body = {
    "model": "openrouter/google/gemini-2.5-flash-image",
    "messages": [{"role": "user", "content": "Generate a beautiful sunset over mountains"}],
    "modalities": ["image", "text"],
    "stream": True,
}
request = urllib.request.Request(
    base + "/v1/chat/completions",
    data=json.dumps(body).encode(),
    headers={"content-type": "application/json", "authorization": "Bearer test-key-python"},
    method="POST",
)
out = {"lines": []}
try:
    with urllib.request.urlopen(request) as response:
        start = time.monotonic()
        out["status"] = response.status
        out["contentType"] = response.headers.get("content-type")
        for raw in response:  # one line at a time, as it arrives
            out["lines"].append({"t": time.monotonic() - start, "line": raw.decode("utf-8").rstrip("\r\n")})
except urllib.error.HTTPError as error:
    out["status"] = error.code
    out["retryAfter"] = error.headers.get("retry-after")
    out["body"] = json.loads(error.read().decode("utf-8"))
print(json.dumps(out))
