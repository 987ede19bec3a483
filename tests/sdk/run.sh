#!/usr/bin/env bash
# Proves that SDKs generated from openapi/openapi.json work against a running server:
# generates a TypeScript client (openapi-typescript + openapi-fetch) and a Python client
# (openapi-python-client), type-checks the TypeScript program, then runs both programs.
#
# Usage: tests/sdk/run.sh BASE_URL        e.g. tests/sdk/run.sh http://127.0.0.1:8080
#
# Pinned tools are installed into .tools/sdk-npm and .tools/sdk-venv (gitignored) and reused while
# their lock files are unchanged; generated code goes to tests/sdk/generated (gitignored) and is
# recreated on every run. Needs node >= 18 (global fetch), npm, python3 >= 3.11 with venv, network
# access to the npm and PyPI registries on the first run.
set -euo pipefail

if [ $# -ne 1 ] || [[ "$1" != http://* && "$1" != https://* ]]; then
  echo "usage: $0 BASE_URL   (e.g. http://127.0.0.1:8080)" >&2
  exit 2
fi
base_url=${1%/}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
spec=openapi/openapi.json
tools=$root/.tools
npm_dir=$tools/sdk-npm
venv=$tools/sdk-venv
gen=$here/generated

step() { printf '\n=== sdk: %s (%ss)\n' "$*" "$SECONDS"; }
die() {
  echo "sdk: FAILED: $*" >&2
  exit 1
}
trap 'echo "sdk: FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR

step "prerequisites"
command -v node >/dev/null || die "node is not on PATH"
command -v npm >/dev/null || die "npm is not on PATH"
command -v python3 >/dev/null || die "python3 is not on PATH"
node -e 'if (+process.versions.node.split(".")[0] < 18) { console.error("node >= 18 needed, have " + process.version); process.exit(1) }' ||
  die "node too old"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || die "python3 >= 3.11 needed (the generated client requires it)"
echo "node $(node --version), npm $(npm --version), $(python3 --version)"
python3 - "$base_url" <<'EOF' || die "no newsfacts server answering at $base_url"
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/v1/snapshot", timeout=10) as r:
    assert r.status == 200, r.status
print(f"server at {sys.argv[1]} answers /v1/snapshot")
EOF

step "npm tools (.tools/sdk-npm, from tests/sdk/ts/package-lock.json)"
if ! cmp -s "$here/ts/package-lock.json" "$npm_dir/.installed-lock" || [ ! -x "$npm_dir/node_modules/.bin/tsc" ]; then
  rm -rf "$npm_dir"
  mkdir -p "$npm_dir"
  cp "$here/ts/package.json" "$here/ts/package-lock.json" "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-fund --no-audit --loglevel=error)
  cp "$here/ts/package-lock.json" "$npm_dir/.installed-lock"
else
  echo "reusing $npm_dir"
fi
# main.ts (and its compiled form under generated/) resolve packages through tests/sdk/node_modules.
if [ -e "$here/node_modules" ] && [ ! -L "$here/node_modules" ]; then
  die "$here/node_modules is a real directory; remove it (run.sh links it to .tools/sdk-npm/node_modules)"
fi
ln -sfn ../../.tools/sdk-npm/node_modules "$here/node_modules"
bin=$npm_dir/node_modules/.bin
echo "openapi-typescript $("$bin/openapi-typescript" --version | tr -d '\n'), tsc $("$bin/tsc" --version)," \
  "openapi-fetch $(node -p 'require(process.argv[1]).version' "$npm_dir/node_modules/openapi-fetch/package.json")"

step "python tools (.tools/sdk-venv, from tests/sdk/python/requirements.txt)"
if ! cmp -s "$here/python/requirements.txt" "$venv/.installed-requirements" || [ ! -x "$venv/bin/openapi-python-client" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/python/requirements.txt"
  cp "$here/python/requirements.txt" "$venv/.installed-requirements"
else
  echo "reusing $venv"
fi
echo "openapi-python-client $("$venv/bin/pip" show openapi-python-client | sed -n 's/^Version: //p')," \
  "httpx $("$venv/bin/pip" show httpx | sed -n 's/^Version: //p'), $("$venv/bin/python" --version)"

step "generate clients from $spec into tests/sdk/generated"
rm -rf "$gen"
mkdir -p "$gen"
"$bin/openapi-typescript" "$spec" -o "$gen/schema.d.ts"
# --fail-on-warning: any part of the document the generator cannot express fails the run.
# The venv's bin goes first on PATH so the generator's post-hooks find the pinned ruff.
PATH="$venv/bin:$PATH" "$venv/bin/openapi-python-client" generate \
  --path "$spec" --output-path "$gen/python" --meta setup --overwrite --fail-on-warning
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall "$gen/python"
"$venv/bin/pip" check

failed=()

step "typescript: tsc --strict --noEmit"
if "$bin/tsc" -p "$here/ts/tsconfig.json" --strict --noEmit; then
  echo "type check passed"
  step "typescript: run against $base_url"
  # Already type-checked: strip the types with the pinned compiler's single-file transpiler (much
  # faster than a second tsc pass) into an ES module, then run it with node.
  if node -e '
      const [tsPath, src, out] = process.argv.slice(1);
      const ts = require(tsPath), fs = require("fs"), path = require("path");
      const js = ts.transpileModule(fs.readFileSync(src, "utf8"), {
        fileName: src,
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      });
      if (js.diagnostics.length) { console.error(ts.formatDiagnostics(js.diagnostics, ts.createCompilerHost({}))); process.exit(1); }
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, js.outputText);
    ' "$npm_dir/node_modules/typescript" "$here/ts/main.ts" "$gen/ts-build/main.mjs" &&
    node "$gen/ts-build/main.mjs" "$base_url"; then
    :
  else
    failed+=("typescript program")
  fi
else
  failed+=("typescript type check")
fi

step "python: run against $base_url"
if ! "$venv/bin/python" "$here/python/main.py" "$base_url"; then
  failed+=("python program")
fi

if [ ${#failed[@]} -gt 0 ]; then
  die "$(printf '%s, ' "${failed[@]}")see the output above"
fi
step "all SDK checks passed"
