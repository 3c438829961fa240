#!/usr/bin/env bash
# Deliveries per second from one worker to local receivers answering after 1 ms and after 200 ms, alone and together,
# and the most TCP connections each receiver saw open at once. Args: deliveries to the fast and to the slow receiver.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Forwarding -- "${1:-3000}" "${2:-400}"
