#!/usr/bin/env bash
# Checks that the C++ sources follow .clang-format (Debian 12's clang-format 14), without
# changing them. Exit 1 lists the files that differ; `tools/check_format.sh --fix` rewrites them.
#
# Usage: tools/check_format.sh [--fix] [FILE...]   (no FILE: every tracked *.cpp and *.hpp)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FIX=0
if [[ "${1:-}" == "--fix" ]]; then FIX=1; shift; fi

CLANG_FORMAT="${CLANG_FORMAT:-}"
if [[ -z "$CLANG_FORMAT" ]]; then
    for candidate in clang-format-14 clang-format; do
        if command -v "$candidate" >/dev/null; then CLANG_FORMAT="$candidate"; break; fi
    done
fi
if [[ -z "$CLANG_FORMAT" ]]; then
    echo "check_format: clang-format not found (Debian: apt-get install clang-format)" >&2
    exit 2
fi
# Another major version formats some constructs differently: say so rather than fail on it.
version="$("$CLANG_FORMAT" --version | sed -n 's/.*version \([0-9]*\).*/\1/p')"
[[ "$version" == 14 ]] || echo "check_format: note: clang-format $version, the check is made for 14" >&2

files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
    mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
fi
if [[ $FIX -eq 1 ]]; then
    "$CLANG_FORMAT" -i --style=file "${files[@]}"
    exit 0
fi
bad=()
for f in "${files[@]}"; do
    "$CLANG_FORMAT" --style=file --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [[ ${#bad[@]} -gt 0 ]]; then
    echo "check_format: ${#bad[@]} of ${#files[@]} files are not formatted (tools/check_format.sh --fix FILE...):" >&2
    printf '    %s\n' "${bad[@]}" >&2
    exit 1
fi
echo "check_format: ${#files[@]} files formatted"
