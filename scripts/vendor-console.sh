#!/usr/bin/env bash
# Refreshes the console's vendored chart library from the npm registry (issue 10): Chart.js at the pinned version, its UMD
# build and its licence, into src/Tracking.Api/Dashboard/Assets/vendor/. Neither `dotnet run` nor `dotnet test` needs Node;
# only this script does, when the version is raised.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${CHARTJS_VERSION:-4.6.1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "chart.js@$version" --silent >/dev/null && tar xzf "chart.js-$version.tgz")
target=src/Tracking.Api/Dashboard/Assets/vendor
mkdir -p "$target"
cp "$work/package/dist/chart.umd.min.js" "$target/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$target/chart.js.LICENSE.md"
echo "Chart.js $version vendored into $target"
