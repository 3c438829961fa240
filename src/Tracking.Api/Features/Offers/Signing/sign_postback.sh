#!/usr/bin/env bash
# Signs and sends a postback to Tracking with X-Tracking-Signature (docs/integration/advertisers.md), with curl and openssl.
# Write the query already sorted by name and RFC 3986-encoded (%20 for a space): it is then its own canonical form.
BASE_URL='https://tracking.example.com'
SECRET='YOUR_SIGNING_SECRET'
QUERY="amount=9.99&click_id=${1:-CLICK_ID}&goal=purchase&order_id=${2:-A1}&token=${3:-YOUR_TOKEN}"
T=$(date +%s)
SIG=$(printf '%s\n%s\n%s\n%s\n' "$T" GET /postback "$QUERY" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d' ' -f1)
curl -sS -H "X-Tracking-Signature: t=$T,v1=$SIG" "$BASE_URL/postback?$QUERY"
