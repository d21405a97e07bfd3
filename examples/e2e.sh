#!/usr/bin/env bash
# e2e.sh DOCKGEN [NAME...] - generate, build, run and rebuild every example app.
#
# For each example below: dockgen runs on a temporary copy with the listed
# flags, the image is built, its user must be numeric and non-root, the app
# must answer HTTP 200 with the example's name in the body on the EXPOSEd
# port, and after a one-line source change the rebuild must take the
# dependency-install step from the layer cache. One line per example, then a
# summary; exit status 1 if any example fails.
#
# Builders, in order of preference:
#   DOCKGEN_E2E_HARNESS=DIR   an offline harness with check-generated.sh
#                             (../shared/e2e on dockgen's own machines: stand-in
#                             base images, buildah and podman; its E2E_STORAGE_*
#                             variables set the builder's storage)
#   a running Docker engine   docker buildx build + docker run
# DOCKGEN_E2E_PREPARE="CMD"   runs once first (e.g. ../shared/e2e/make-bases.sh).
set -euo pipefail

BIN=$(realpath "${1:?usage: e2e.sh DOCKGEN [NAME...]}"); shift
HERE=$(cd "$(dirname "$0")" && pwd)

# name | dockgen flags (each example states how it is generated)
EXAMPLES=(
  "go-plain|--lang go --ci none"
  "go-deps|--lang go --ci none"
  "go-notes|--lang go --ci none"
  "go-embed-ui|--lang go --ci none"
  "go-embed-ui-postinstall|--lang go --ci none"
  "node-npm|--lang node --ci none"
  "node-pnpm|--lang node --ci none"
  "node-yarn|--lang node --ci none"
  "node-ts|--lang node --ci none"
  "node-lifecycle|--lang node --ci none"
  "node-native|--lang node --ci none"
  "node-next-standalone|--lang node --ci none"
  "node-express-vite|--lang node --ci none"
  "python-flask|--lang python --ci none"
  "python-flask-instance|--lang python --ci none"
  "python-django-whitenoise|--lang python --ci none"
  "python-own-program|--lang python --ci none"
  "java-maven|--lang java --ci none"
  "static-plain|--lang static --ci none"
  "static-vite|--lang static --ci none"
  "static-vite-outdir|--lang static --ci none"
  "static-eleventy|--lang static --ci none"
)

# Workspace members: name | project dir in the example | dockgen flags | file
# the rebuild touches. dockgen runs in the member and finds the build root
# itself; the image is built from the root with -f MEMBER/Dockerfile.
MEMBERS=(
  "node-workspace|apps/web|--ci none|apps/web/server.js"
  "go-replace|services/api|--ci none|services/api/main.go"
  "static-workspace|apps/site|--ci none|apps/site/src/main.js"
  "yarn-berry-workspace|apps/api|--ci none|apps/api/server.js"
)

want=("$@")
selected() { [ ${#want[@]} -eq 0 ] && return 0; for w in "${want[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1; }

if [ -n "${DOCKGEN_E2E_PREPARE:-}" ]; then
  echo "e2e: preparing: $DOCKGEN_E2E_PREPARE"
  bash -c "$DOCKGEN_E2E_PREPARE"
fi

mode=""
if [ -n "${DOCKGEN_E2E_HARNESS:-}" ]; then
  [ -x "$DOCKGEN_E2E_HARNESS/check-generated.sh" ] || { echo "e2e: $DOCKGEN_E2E_HARNESS/check-generated.sh not found" >&2; exit 2; }
  mode=harness
elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  mode=docker
else
  echo "e2e: no builder: start a Docker engine, or set DOCKGEN_E2E_HARNESS (see CONTRIBUTING.md)" >&2
  exit 2
fi

# docker_check NAME FLAGS: the same four checks with docker buildx.
docker_check() {
  local name=$1 flags=$2 work tag log port user uid body cid t0 t1 t2 deps=no
  work=$(mktemp -d); tag="dockgen-e2e-$name"; log="$work.log"
  cp -r "$HERE/$name/." "$work/"
  # shellcheck disable=SC2086
  "$BIN" --dir "$work" $flags >"$log" 2>&1 || { echo "$name FAIL: dockgen: $(tail -1 "$log")"; return 1; }
  t0=$(date +%s)
  docker buildx build --load -t "$tag" "$work" >>"$log" 2>&1 || { echo "$name FAIL: build"; return 1; }
  t1=$(date +%s)
  user=$(docker image inspect -f '{{.Config.User}}' "$tag"); uid=${user%%:*}
  [[ "$uid" =~ ^[0-9]+$ && "$uid" != 0 ]] || { echo "$name FAIL: user '$user' is not a numeric non-root UID"; return 1; }
  port=$(docker image inspect -f '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}' "$tag" | awk '{print $1}'); port=${port%/*}
  cid=$(docker run -d -p "127.0.0.1::$port" "$tag")
  local hostport; hostport=$(docker port "$cid" "$port/tcp" | head -1 | awk -F: '{print $NF}')
  body=""; for _ in $(seq 60); do body=$(curl -fsS "http://127.0.0.1:$hostport/" 2>/dev/null) && break; sleep 1; done
  docker rm -f "$cid" >/dev/null
  [[ "$body" == *"$name"* ]] || { echo "$name FAIL: HTTP body lacks '$name'"; return 1; }
  src=$(cd "$work" && ls main.go cmd/*/main.go server.js index.js app.js app.py manage.py */__init__.py src/server.ts index.html src/main/java/com/example/hello/Main.java 2>/dev/null | head -1)
  echo "// e2e $(date +%s%N)" | sed "s#^//#$( [[ $src == *.py ]] && echo '#' || echo '//')#" >>"$work/$src"
  docker buildx build --load -t "$tag" "$work" >"$log.rebuild" 2>&1 || { echo "$name FAIL: rebuild"; return 1; }
  t2=$(date +%s)
  grep -E 'CACHED.*(go mod download|npm ci|pnpm install|yarn install|pip install|dependency:go-offline)' "$log.rebuild" >/dev/null && deps=yes
  [ "$deps" = yes ] || { echo "$name FAIL: dependency layer rebuilt"; return 1; }
  echo "$name $((t1 - t0)) $((t2 - t1)) $deps $(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f", $1/1e6}') $user 200 PASS"
}

# member_check NAME SUB FLAGS TOUCH: generate in the member, build from the
# workspace root (the harness's build-and-run.sh with -f, or docker buildx).
member_check() {
  local name=$1 sub=$2 flags=$3 touch=$4 work log
  work=$(mktemp -d); log="$work.log"
  tar -C "$HERE/$name" --exclude=./.e2e-expect -cf - . | tar -C "$work" -xf -
  # shellcheck disable=SC2086
  "$BIN" --dir "$work/$sub" $flags >"$log" 2>&1 || { echo "$name FAIL: dockgen: $(tail -1 "$log")"; return 1; }
  if [ "$mode" = harness ]; then
    "$DOCKGEN_E2E_HARNESS/make-bases.sh" --tags-from "$work/$sub/Dockerfile" >>"$log" 2>&1 || { echo "$name FAIL: base images (log $log)"; return 1; }
    "$DOCKGEN_E2E_HARNESS/build-and-run.sh" "$work" --name "$name" -f "$sub/Dockerfile" --touch "$touch" \
      --expect-user-nonroot --expect-deps-cached --expect-body-file "$HERE/$name/.e2e-expect" 2>&1 | tail -1
    return "${PIPESTATUS[0]}"
  fi
  local tag="dockgen-e2e-$name" port cid hostport body
  docker buildx build --load -t "$tag" -f "$work/$sub/Dockerfile" "$work" >>"$log" 2>&1 || { echo "$name FAIL: build"; return 1; }
  port=$(docker image inspect -f '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}' "$tag" | awk '{print $1}'); port=${port%/*}
  cid=$(docker run -d -p "127.0.0.1::$port" "$tag")
  hostport=$(docker port "$cid" "$port/tcp" | head -1 | awk -F: '{print $NF}')
  body=""; for _ in $(seq 60); do body=$(curl -fsS "http://127.0.0.1:$hostport/" 2>/dev/null) && break; sleep 1; done
  docker rm -f "$cid" >/dev/null
  grep -vE '^(#|[[:space:]]*$)' "$HERE/$name/.e2e-expect" | while read -r re; do
    grep -qE "$re" <<<"$body" || { echo "$name FAIL: body lacks /$re/"; exit 1; }
  done || return 1
  echo "// e2e $(date +%s%N)" >>"$work/$touch"
  docker buildx build --load -t "$tag" -f "$work/$sub/Dockerfile" "$work" >"$log.rebuild" 2>&1 || { echo "$name FAIL: rebuild"; return 1; }
  grep -E 'CACHED.*(go mod download|npm ci|pnpm install|yarn install)' "$log.rebuild" >/dev/null || { echo "$name FAIL: dependency layer rebuilt"; return 1; }
  echo "$name - - yes - - 200 PASS"
}

pass=0; fail=0; lines=()
for row in "${MEMBERS[@]}"; do
  IFS='|' read -r name sub flags touch <<<"$row"
  selected "$name" || continue
  line=$(member_check "$name" "$sub" "$flags" "$touch" 2>&1 | tail -1) || true
  lines+=("$line")
  echo "$line"
  if [[ "$line" == *PASS* ]]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
for row in "${EXAMPLES[@]}"; do
  name=${row%%|*}; flags=${row#*|}
  selected "$name" || continue
  if [ "$mode" = harness ]; then
    # shellcheck disable=SC2086
    # An example's .e2e-expect (read by check-generated.sh) says what its page
    # holds; without one, the page must name the example.
    body="--expect-body $name"; [ -f "$HERE/$name/.e2e-expect" ] && body=""
    line=$(E2E_CHECK_OPTS="--expect-user-nonroot --expect-deps-cached $body" \
      "$DOCKGEN_E2E_HARNESS/check-generated.sh" "$BIN" "$HERE/$name" $flags 2>&1 | tail -1) || true
  else
    line=$(docker_check "$name" "$flags" 2>&1 | tail -1) || true
  fi
  lines+=("$line")
  echo "$line"
  if [[ "$line" == *PASS* ]]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done

echo
printf '%-14s %8s %10s %5s %9s %-12s %5s %s\n' example build_s rebuild_s deps image_MB user http status
for l in "${lines[@]}"; do
  # shellcheck disable=SC2086
  set -- $l
  printf '%-14s %8s %10s %5s %9s %-12s %5s %s\n' "${1:-?}" "${2:-}" "${3:-}" "${4:-}" "${5:-}" "${6:-}" "${7:-}" "${*:8}"
done
echo "e2e ($mode): $pass passed, $fail failed"
[ "$fail" -eq 0 ]
