#!/usr/bin/env python3
# Signs and sends a postback to Tracking with X-Tracking-Signature (docs/integration/advertisers.md).
# Usage: python3 sign_postback.py click_id=CLICK_ID goal=purchase amount=9.99 order_id=A1 token=YOUR_TOKEN
import hashlib, hmac, sys, time, urllib.error, urllib.parse, urllib.request

BASE_URL = "https://tracking.example.com"
SECRET = "YOUR_SIGNING_SECRET"


def canonical_query(params):
    # Sorted by name then value, each RFC 3986-encoded: the query sent is its own canonical form.
    pairs = sorted((urllib.parse.quote(k, safe="-_.~"), urllib.parse.quote(v, safe="-_.~")) for k, v in params.items())
    return "&".join(f"{k}={v}" for k, v in pairs)


def sign(method, path, query, body=b""):
    t = int(time.time())
    message = f"{t}\n{method}\n{path}\n{query}\n".encode() + body
    return f"t={t},v1=" + hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()


def send_postback(params):
    query = canonical_query(params)
    request = urllib.request.Request(f"{BASE_URL}/postback?{query}", headers={"X-Tracking-Signature": sign("GET", "/postback", query)})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


if __name__ == "__main__":
    status, body = send_postback(dict(arg.split("=", 1) for arg in sys.argv[1:]))
    print(status, body)
    sys.exit(0 if status == 200 else 1)
