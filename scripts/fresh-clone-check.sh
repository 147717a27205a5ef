#!/usr/bin/env bash
# Runs the README's two commands in a fresh clone, as on a machine that has
# only Node and npm: no Chromium and no Java anywhere, and after `npm ci` no
# system Node on PATH either: the build and the tests run on the project's own
# Node 24 from node_modules/.bin (npm itself is started through the system
# Node by its absolute path). `npm ci` keeps the system Node on PATH because
# the `node` package's install script runs `node` to unpack Node 24. Then it
# checks that `CI=true npm test` fails, and only on the missing Java.
#
#   bash scripts/fresh-clone-check.sh [repo]     (Linux, as root: it uses a private mount namespace)
#
# Prints the time of each step and the tail of each transcript.
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

system_node=$(command -v node)
npm_cli=$(readlink -f "$(command -v npm)")
[ -f "$npm_cli" ] || { echo "npm's CLI not found" >&2; exit 2; }

# A PATH with every program of this one but Node, npm, Chromium/Chrome and Java.
mkdir "$work/bin"
IFS=: read -ra dirs <<<"$PATH"
for dir in "${dirs[@]}"; do
  [ -d "$dir" ] || continue
  for program in "$dir"/*; do
    name=$(basename "$program")
    case "$name" in
      node | nodejs | npm | npx | corepack | chromium* | google-chrome* | chrome | java | javac | jshell) continue ;;
    esac
    [ -x "$program" ] && [ ! -e "$work/bin/$name" ] && ln -s "$program" "$work/bin/$name"
  done
done
cat >"$work/bin/npm" <<EOF
#!/bin/sh
exec "$system_node" "$npm_cli" "\$@"
EOF
chmod +x "$work/bin/npm"
# For `npm ci` only: the system Node, alone.
mkdir "$work/node-only"
ln -s "$system_node" "$work/node-only/node"

git clone -q "$repo" "$work/clone"
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"

cat >"$work/steps.sh" <<'EOF'
set -uo pipefail
# Hide the system browsers and Java even from lookups by absolute path.
for file in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/java; do
  [ -e "$file" ] && mount --bind /dev/null "$file"
done
cd "$WORK/clone"
export PATH="$WORK/bin" ASTRO_TELEMETRY_DISABLED=1
unset CI CHROMIUM_PATH CHROME_PATH
echo "node on PATH: $(command -v node || echo none); java: $(command -v java || echo none); chromium: $(command -v chromium || echo none)"
step() {
  local name=$1 log="$WORK/$1.log"
  shift
  local started=$SECONDS
  "$@" >"$log" 2>&1
  local code=$?
  echo "== $name: exit $code in $((SECONDS - started)) s; last lines:"
  tail -n 12 "$log" | sed 's/\x1b\[[0-9;]*m//g'
  return $code
}
step install env PATH="$WORK/bin:$WORK/node-only" npm ci --no-audit --no-fund || exit 1
echo "node for the build and the tests: $(npm exec -- node -p 'process.version + " at " + process.execPath')"
step build npm run build || exit 1
step test npm test || exit 1
sed 's/\x1b\[[0-9;]*m//g' "$WORK/test.log" | grep -h '^chromium: ' | sort -u
if step ci-test env CI=true npm test; then
  echo "CI=true npm test passed without Java: it should have failed" && exit 1
fi
failed=$(sed 's/\x1b\[[0-9;]*m//g' "$WORK/ci-test.log" | grep -E '^ *FAIL ' | sort -u)
echo "== what failed under CI=true:"
echo "$failed"
if [ -z "$failed" ] || echo "$failed" | grep -v 'tests/gates/html.test.ts' | grep -q .; then
  echo "something besides the Nu HTML Checker failed under CI=true" && exit 1
fi
echo "OK: the README's commands pass without Chromium, Java and system Node; CI=true fails on Java only"
EOF
WORK="$work" unshare -m bash "$work/steps.sh"
