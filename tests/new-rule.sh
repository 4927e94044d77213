#!/usr/bin/env bash
# new-rule.sh - scripts/new-rule in a copy of the tree: the scaffold builds, `certdiag rules ID`
# explains the new rule, and only the rule's own paths (and
# the generated docs/rules.md) changed.
set -euo pipefail
src=${CD_SOURCE_DIR:?}
id=cert.example-probe
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "new-rule test: $*" >&2; exit 1; }

# the tree as committed plus what is not yet committed (not ignored), without build output
mkdir "$work/tree"
(cd "$src" && git ls-files -z -co --exclude-standard) |
  (cd "$src" && xargs -0 cp --parents -t "$work/tree" 2>/dev/null) || true
cd "$work/tree"
git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base
meson setup "$work/build" -Dtests=false >/dev/null

BUILD="$work/build" scripts/new-rule "$id" >"$work/out" || fail "scripts/new-rule failed: $(cat "$work/out")"
grep -q "^Next:" "$work/out" || fail "no next steps printed"
"$work/build/certdiag" rules "$id" >"$work/explain" || fail "certdiag rules $id failed"
grep -q "$id" "$work/explain" || fail "certdiag rules $id does not name the rule"

changed=$(git status --porcelain --untracked-files=all | awk '{print $2}' | sort)
want=$(printf '%s\n' docs/rules.md "rules/cert/example-probe.yaml" "src/rules/cert/example-probe.c" \
  testdata/rules/$id/{fires,na,passes}-TODO/{TODO,args,expected} | sort)
[ "$changed" = "$want" ] || fail "changed paths differ:
$(diff <(echo "$want") <(echo "$changed") || true)"

# an existing id is refused
BUILD="$work/build" scripts/new-rule cert.expired >/dev/null 2>&1 && fail "an existing id was accepted"
scripts/new-rule 'Bad.Name' >/dev/null 2>&1 && fail "a bad id was accepted"
echo "new-rule test: ok"
